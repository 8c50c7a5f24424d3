using System.Runtime.InteropServices;
using System.Text;

namespace Pincer.Config.Secrets;

/// <summary>
/// lstat-like facts the secret providers need (owner, link count, mode, kind), read with Linux
/// <c>statx</c> whose struct layout is the same on every architecture. <see cref="TryGet"/> returns
/// null where statx is unavailable; callers then fall back to what .NET exposes.
/// </summary>
internal sealed record UnixFileStatus(uint Uid, uint LinkCount, uint Mode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const uint TypeMask = 0xF000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public static UnixFileStatus? TryGet(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var buffer = new byte[256];
            var bytes = Encoding.UTF8.GetBytes(path + "\0");
            if (Statx(AtFdCwd, bytes, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
                return null;
            return new UnixFileStatus(BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 16), BitConverter.ToUInt16(buffer, 28));
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The effective uid, or null off Linux.</summary>
    public static uint? EffectiveUid()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            return GetEuid();
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint GetEuid();
}
