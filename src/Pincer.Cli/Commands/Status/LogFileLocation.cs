using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Where today's gateway log is written: <c>logging.file</c> from config, else the dated rolling
/// file in the OpenClaw temp dir (<c>/tmp/openclaw/openclaw[-profile]-YYYY-MM-DD.log</c>, local date).
/// </summary>
internal static class LogFileLocation
{
    private const int MaxProfileSegment = 220;

    public static string Resolve(CliContext ctx, LocalConfigFile config)
    {
        if (config.String("logging.file") is { } configured)
        {
            return configured;
        }

        var now = ctx.Time.GetLocalNow();
        var segment = ProfileSegment(ctx.Env("OPENCLAW_PROFILE"));
        var name = $"openclaw{(segment is null ? "" : "-" + segment)}-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.log";
        return Path.Combine(TempRoot(), name);
    }

    /// <summary>
    /// <c>/tmp/openclaw</c> when it is missing or a real directory nobody else may write to; otherwise
    /// a per-user fallback under the system temp dir. (The reference also requires that this user
    /// owns it; .NET exposes no owner uid, so a foreign-owned 0755 dir is the one case we misjudge.)
    /// </summary>
    private static string TempRoot()
    {
        const string preferred = "/tmp/openclaw";
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Path.GetTempPath(), "openclaw");
        }

        var uid = ServiceInspector.EffectiveUid();
        try
        {
            var info = new DirectoryInfo(preferred);
            if (!info.Exists && !File.Exists(preferred))
            {
                return preferred;
            }

            var mode = File.GetUnixFileMode(preferred);
            var othersWrite = (mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
            if (info.Exists && info.LinkTarget is null && !othersWrite)
            {
                return preferred;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unusable preferred dir: use the fallback.
        }

        return Path.Combine(Path.GetTempPath().TrimEnd('/'), $"openclaw-{uid}");
    }

    private static string? ProfileSegment(string? profile)
    {
        var p = profile?.Trim();
        if (string.IsNullOrEmpty(p) || p.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var rune in p.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append((char)c);
            }
            else if (c == '-')
            {
                sb.Append("--");
            }
            else if (c == '_')
            {
                sb.Append("-0");
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append("-1").Append(char.ToLowerInvariant((char)c));
            }
            else
            {
                sb.Append("-2").Append(c.ToString("x", CultureInfo.InvariantCulture)).Append('-');
            }
        }

        return sb.Length <= MaxProfileSegment ? sb.ToString() : "-3" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(p)));
    }
}
