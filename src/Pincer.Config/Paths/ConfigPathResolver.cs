namespace Pincer.Config.Paths;

/// <summary>
/// Where the gateway's home, state directory and config file live, resolved from an
/// environment snapshot with the reference's precedence:
/// <list type="bullet">
/// <item>home: <c>OPENCLAW_HOME</c> (a leading <c>~</c> expands to the OS home) → <c>HOME</c> →
/// <c>USERPROFILE</c> → Termux <c>$PREFIX/../home</c> → the OS account home → the current directory.
/// Blank values and the strings <c>undefined</c>/<c>null</c> count as unset.</item>
/// <item>state dir: <c>OPENCLAW_STATE_DIR</c> (tilde-expanded against the home above) →
/// <c>~/.openclaw</c> if it exists → legacy <c>~/.clawdbot</c> if that exists → <c>~/.openclaw</c>.</item>
/// <item>config file: <c>OPENCLAW_CONFIG_PATH</c> → the first existing of
/// <c>$OPENCLAW_STATE_DIR/{openclaw,clawdbot}.json</c>, <c>~/.openclaw/{openclaw,clawdbot}.json</c>,
/// <c>~/.clawdbot/{openclaw,clawdbot}.json</c> → <c>&lt;state dir&gt;/openclaw.json</c>.</item>
/// </list>
/// Profiles (<c>--profile</c>, <c>--dev</c>) work by rewriting these variables first; see <see cref="CliProfile"/>.
/// </summary>
public static class ConfigPathResolver
{
    public const string ConfigFileName = "openclaw.json";
    public const string StateDirName = ".openclaw";

    private static readonly string[] LegacyStateDirNames = [".clawdbot"];
    private static readonly string[] LegacyConfigFileNames = ["clawdbot.json"];

    /// <summary>The home used for every OpenClaw path default.</summary>
    public static string ResolveHomeDir(IReadOnlyDictionary<string, string> env)
    {
        var explicitHome = NormalizeHomeValue(Get(env, "OPENCLAW_HOME"));
        if (explicitHome is not null)
        {
            if (explicitHome == "~" || explicitHome.StartsWith("~/", StringComparison.Ordinal) || explicitHome.StartsWith("~\\", StringComparison.Ordinal))
            {
                var osHome = RawOsHome(env);
                if (osHome is not null)
                    return Path.GetFullPath(osHome + explicitHome[1..]);
            }
            else
            {
                return Path.GetFullPath(explicitHome);
            }
        }

        var home = RawOsHome(env);
        return Path.GetFullPath(home ?? Directory.GetCurrentDirectory());
    }

    /// <summary>Trims, expands a leading <c>~</c> against <see cref="ResolveHomeDir"/>, and makes the path absolute.</summary>
    public static string ResolveUserPath(string input, IReadOnlyDictionary<string, string> env)
    {
        var trimmed = input.Trim();
        if (trimmed.Length == 0)
            return trimmed;
        if (trimmed == "~" || trimmed.StartsWith("~/", StringComparison.Ordinal) || trimmed.StartsWith("~\\", StringComparison.Ordinal))
            trimmed = ResolveHomeDir(env) + trimmed[1..];
        return Path.GetFullPath(trimmed);
    }

    public static string ResolveStateDir(IReadOnlyDictionary<string, string> env)
    {
        var overrideDir = Get(env, "OPENCLAW_STATE_DIR")?.Trim();
        if (!string.IsNullOrEmpty(overrideDir))
            return ResolveUserPath(overrideDir, env);

        var home = ResolveHomeDir(env);
        var newDir = Path.Combine(home, StateDirName);
        if (Path.Exists(newDir))
            return newDir;
        foreach (var legacy in LegacyStateDirNames)
        {
            var candidate = Path.Combine(home, legacy);
            if (Path.Exists(candidate))
                return candidate;
        }

        return newDir;
    }

    /// <summary>The active config file: an explicit path, else the first existing candidate, else the canonical path.</summary>
    public static string ResolveConfigPath(IReadOnlyDictionary<string, string> env)
    {
        var explicitPath = Get(env, "OPENCLAW_CONFIG_PATH")?.Trim();
        if (!string.IsNullOrEmpty(explicitPath))
            return ResolveUserPath(explicitPath, env);

        foreach (var candidate in DefaultConfigCandidates(env))
        {
            if (Path.Exists(candidate))
                return candidate;
        }

        return Path.Combine(ResolveStateDir(env), ConfigFileName);
    }

    /// <summary>Candidate config files in lookup order (explicit path, state-dir files, default and legacy dirs).</summary>
    public static IReadOnlyList<string> DefaultConfigCandidates(IReadOnlyDictionary<string, string> env)
    {
        var explicitPath = Get(env, "OPENCLAW_CONFIG_PATH")?.Trim();
        if (!string.IsNullOrEmpty(explicitPath))
            return [ResolveUserPath(explicitPath, env)];

        var candidates = new List<string>();
        var stateOverride = Get(env, "OPENCLAW_STATE_DIR")?.Trim();
        var home = ResolveHomeDir(env);
        var dirs = new List<string>();
        if (!string.IsNullOrEmpty(stateOverride))
            dirs.Add(ResolveUserPath(stateOverride, env));
        dirs.Add(Path.Combine(home, StateDirName));
        dirs.AddRange(LegacyStateDirNames.Select(name => Path.Combine(home, name)));
        foreach (var dir in dirs)
        {
            candidates.Add(Path.Combine(dir, ConfigFileName));
            candidates.AddRange(LegacyConfigFileNames.Select(name => Path.Combine(dir, name)));
        }

        return candidates;
    }

    /// <summary>
    /// The directory whose <c>.env</c> is the global runtime env file: <c>OPENCLAW_STATE_DIR</c>, else the
    /// directory of <c>OPENCLAW_CONFIG_PATH</c>, else <c>~/.openclaw</c> (no existence probing).
    /// </summary>
    public static string ResolveConfigDir(IReadOnlyDictionary<string, string> env)
    {
        var stateOverride = Get(env, "OPENCLAW_STATE_DIR")?.Trim();
        if (!string.IsNullOrEmpty(stateOverride))
            return ResolveUserPath(stateOverride, env);
        var configPath = Get(env, "OPENCLAW_CONFIG_PATH")?.Trim();
        if (!string.IsNullOrEmpty(configPath))
            return Path.GetDirectoryName(ResolveUserPath(configPath, env))!;
        return Path.Combine(ResolveHomeDir(env), StateDirName);
    }

    /// <summary>
    /// Extra directories <c>$include</c> may read from: <c>OPENCLAW_INCLUDE_ROOTS</c> split on the platform
    /// path-list separator, tilde-expanded, made absolute, de-duplicated, blanks dropped.
    /// </summary>
    public static IReadOnlyList<string> ResolveIncludeRoots(IReadOnlyDictionary<string, string> env)
    {
        var raw = Get(env, "OPENCLAW_INCLUDE_ROOTS")?.Trim();
        if (string.IsNullOrEmpty(raw))
            return [];
        var roots = new List<string>();
        foreach (var entry in raw.Split(Path.PathSeparator))
        {
            var trimmed = entry.Trim();
            if (trimmed.Length == 0)
                continue;
            var resolved = ResolveUserPath(trimmed, env);
            if (Path.IsPathFullyQualified(resolved) && !roots.Contains(resolved, StringComparer.Ordinal))
                roots.Add(resolved);
        }

        return roots;
    }

    internal static string? Get(IReadOnlyDictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) ? value : null;

    private static string? NormalizeHomeValue(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed is "undefined" or "null" ? null : trimmed;
    }

    private static string? RawOsHome(IReadOnlyDictionary<string, string> env) =>
        NormalizeHomeValue(Get(env, "HOME"))
        ?? NormalizeHomeValue(Get(env, "USERPROFILE"))
        ?? TermuxHome(env)
        ?? NormalizeHomeValue(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    private static string? TermuxHome(IReadOnlyDictionary<string, string> env)
    {
        var prefix = NormalizeHomeValue(Get(env, "PREFIX"));
        if (prefix is null || NormalizeHomeValue(Get(env, "ANDROID_DATA")) is null)
            return null;
        var normalized = prefix.Replace('\\', '/').TrimEnd('/');
        if (!normalized.EndsWith("com.termux/files/usr", StringComparison.Ordinal))
            return null;
        return Path.GetFullPath(Path.Combine(prefix, "..", "home"));
    }
}
