using System.Text;

namespace Pincer.Config.Writing;

/// <summary>
/// Replaces a file atomically: the text goes to a temp file in the destination's directory (same
/// filesystem, so the rename is atomic), is flushed to disk, gets mode 0600 on Unix, and is renamed
/// over the target. Readers see the old or the new file, never a torn one. If the path is a symlink
/// the symlink's final target is replaced and the link itself is left in place.
/// </summary>
public static class AtomicFileWriter
{
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteAllText(string path, string contents)
    {
        var target = ResolveWriteTarget(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFileMode;
            using (var stream = new FileStream(temp, options))
            {
                var bytes = new UTF8Encoding(false).GetBytes(contents);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, PrivateFileMode);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The file a write to <paramref name="path"/> really replaces (a symlink's final target).</summary>
    public static string ResolveWriteTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is null)
            return full;
        var final = info.ResolveLinkTarget(returnFinalTarget: true);
        return final is null ? full : Path.GetFullPath(final.FullName);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
