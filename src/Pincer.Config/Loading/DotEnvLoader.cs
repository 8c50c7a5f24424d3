using System.Text;

namespace Pincer.Config.Loading;

/// <summary>
/// Fills an environment from dotenv files, never overriding a key that is already present:
/// first <c>./.env</c> in the working directory (untrusted: provider credentials, <c>OPENCLAW_*</c>
/// and other security-relevant keys are ignored), then the global <c>&lt;config dir&gt;/.env</c>
/// (<see cref="Paths.ConfigPathResolver.ResolveConfigDir"/>) and, for the default state dir only,
/// <c>~/.config/openclaw/gateway.env</c>; between global files the first value wins.
/// Files over 1 MiB, non-regular files and unreadable files are skipped.
/// </summary>
public static class DotEnvLoader
{
    public const int MaxFileBytes = 1024 * 1024;

    public static void Load(IDictionary<string, string> env, string? workingDirectory)
    {
        if (workingDirectory is not null)
        {
            foreach (var (key, value) in Read(Path.Combine(workingDirectory, ".env")))
            {
                if (!WorkspaceDotEnvPolicy.IsBlocked(key) && !env.ContainsKey(key))
                    env[key] = value;
            }
        }

        var snapshot = new Dictionary<string, string>(env, StringComparer.Ordinal);
        var stateEnvPath = Path.Combine(Paths.ConfigPathResolver.ResolveConfigDir(snapshot), ".env");
        var home = Paths.ConfigPathResolver.ResolveHomeDir(snapshot);
        var files = new List<string> { stateEnvPath };
        var stateDirSet = snapshot.TryGetValue("OPENCLAW_STATE_DIR", out var sd) && sd.Trim().Length > 0;
        if (!stateDirSet || Path.GetFullPath(stateEnvPath) == Path.Combine(home, ".openclaw", ".env"))
            files.Add(Path.Combine(home, ".config", "openclaw", "gateway.env"));

        var preExisting = new HashSet<string>(env.Keys, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (key, value) in Read(file))
            {
                if (preExisting.Contains(key) || !seen.Add(key))
                    continue;
                env[key] = value;
            }
        }
    }

    /// <summary>Portable-named entries of one dotenv file; empty when missing, oversized or not a regular file.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        var real = FileSystemPaths.RealPath(path);
        if (real is null)
            return [];
        try
        {
            var info = new FileInfo(real);
            if (!info.Exists || info.Length > MaxFileBytes)
                return [];
            var text = new UTF8Encoding(false).GetString(File.ReadAllBytes(real));
            return DotEnvParser.Parse(text).Where(p => IsPortableKey(p.Key)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsPortableKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
