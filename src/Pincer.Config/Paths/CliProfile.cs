using System.Text.RegularExpressions;

namespace Pincer.Config.Paths;

/// <summary>
/// Named profiles isolate a whole install: <c>--profile work</c> moves state to <c>~/.openclaw-work</c>;
/// the global <c>--dev</c> flag is the profile <c>dev</c> and also defaults the gateway port to 19001.
/// The CLI calls <see cref="Apply"/> on its environment before anything resolves paths.
/// </summary>
public static partial class CliProfile
{
    public const int DevGatewayPort = 19001;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileNamePattern();

    public static bool IsValidName(string? name) => !string.IsNullOrEmpty(name) && ProfileNamePattern().IsMatch(name);

    /// <summary>
    /// The profile name that affects defaults, or <c>null</c> for blank, invalid or <c>default</c> (any case).
    /// </summary>
    public static string? Normalize(string? raw)
    {
        var profile = raw?.Trim();
        if (string.IsNullOrEmpty(profile) || profile.Equals("default", StringComparison.OrdinalIgnoreCase) || !IsValidName(profile))
            return null;
        return profile;
    }

    /// <summary><c>&lt;home&gt;/.openclaw</c> for <c>default</c>, else <c>&lt;home&gt;/.openclaw-&lt;profile&gt;</c>.</summary>
    public static string ResolveStateDir(string profile, IReadOnlyDictionary<string, string> env)
    {
        var trimmed = profile.Trim();
        if (!IsValidName(trimmed))
            throw new ArgumentException($"Invalid profile name: \"{profile}\"", nameof(profile));
        var suffix = trimmed.Equals("default", StringComparison.OrdinalIgnoreCase) ? "" : "-" + trimmed;
        return Path.Combine(ConfigPathResolver.ResolveHomeDir(env), ConfigPathResolver.StateDirName + suffix);
    }

    /// <summary>
    /// Points <paramref name="env"/> at <paramref name="profile"/>: sets <c>OPENCLAW_PROFILE</c>, and
    /// <c>OPENCLAW_STATE_DIR</c>/<c>OPENCLAW_CONFIG_PATH</c> unless the caller already chose them (a
    /// value equal to the previously active profile's default is treated as not chosen), and for
    /// <c>dev</c> <c>OPENCLAW_GATEWAY_PORT=19001</c> unless a port is set.
    /// Service-manager selector variables (launchd/systemd/Windows task) are not handled here.
    /// </summary>
    public static void Apply(string profile, IDictionary<string, string> env)
    {
        profile = profile.Trim();
        if (profile.Length == 0)
            return;
        var view = new Dictionary<string, string>(env, StringComparer.Ordinal);
        var inherited = NonBlank(view, "OPENCLAW_PROFILE") ?? "default";
        var existingStateDir = NonBlank(view, "OPENCLAW_STATE_DIR");
        var existingConfigPath = NonBlank(view, "OPENCLAW_CONFIG_PATH");
        var inheritedStateDir = ResolveStateDir(inherited, view);
        var selectedStateDir = ResolveStateDir(profile, view);
        var switching = !string.Equals(inheritedStateDir, selectedStateDir, StringComparison.Ordinal);
        var stateDirWasInherited = existingStateDir is not null && switching
            && ConfigPathResolver.ResolveUserPath(existingStateDir, view) == inheritedStateDir;
        var configWasInherited = switching && (existingStateDir is null || stateDirWasInherited) && existingConfigPath is not null
            && ConfigPathResolver.ResolveUserPath(existingConfigPath, view) == Path.Combine(inheritedStateDir, ConfigPathResolver.ConfigFileName);

        env["OPENCLAW_PROFILE"] = profile;
        var stateDir = existingStateDir is not null && !stateDirWasInherited ? existingStateDir : selectedStateDir;
        if (existingStateDir is null || stateDirWasInherited)
            env["OPENCLAW_STATE_DIR"] = stateDir;
        if (existingConfigPath is null || configWasInherited)
            env["OPENCLAW_CONFIG_PATH"] = Path.Combine(stateDir, ConfigPathResolver.ConfigFileName);
        if (profile == "dev" && NonBlank(view, "OPENCLAW_GATEWAY_PORT") is null)
            env["OPENCLAW_GATEWAY_PORT"] = DevGatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? NonBlank(IReadOnlyDictionary<string, string> env, string key)
    {
        var value = ConfigPathResolver.Get(env, key)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
