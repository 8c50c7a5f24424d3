using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pincer.Config.Paths;

/// <summary>
/// The gateway port: <c>OPENCLAW_GATEWAY_PORT</c> (a bare port, <c>host:port</c> or <c>[v6]:port</c>) →
/// a positive <c>gateway.port</c> from config → for a named profile a stable port in 20000–59999
/// (FNV-1a of the profile's UTF-8 name) → 18789.
/// </summary>
public static partial class GatewayPortResolver
{
    public const int DefaultPort = 18789;

    [GeneratedRegex(@"^\[[^\]]+\]:(\d+)$")]
    private static partial Regex BracketedIpv6Port();

    public static int Resolve(int? configPort, IReadOnlyDictionary<string, string> env)
    {
        var fromEnv = ParseEnvPort(ConfigPathResolver.Get(env, "OPENCLAW_GATEWAY_PORT"));
        if (fromEnv is int envPort)
            return envPort;
        if (configPort is > 0)
            return configPort.Value;
        var profile = CliProfile.Normalize(ConfigPathResolver.Get(env, "OPENCLAW_PROFILE"));
        if (profile is null)
            return DefaultPort;
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(profile))
            hash = unchecked((hash ^ b) * 16777619u);
        return (int)(20000 + (hash % 40000));
    }

    public static int? ParseEnvPort(string? raw)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        if (trimmed.All(char.IsAsciiDigit))
            return ParsePort(trimmed);
        var v6 = BracketedIpv6Port().Match(trimmed);
        if (v6.Success)
            return ParsePort(v6.Groups[1].Value);
        var first = trimmed.IndexOf(':', StringComparison.Ordinal);
        var last = trimmed.LastIndexOf(':');
        if (first <= 0 || first != last)
            return null;
        var suffix = trimmed[(first + 1)..];
        return suffix.Length > 0 && suffix.All(char.IsAsciiDigit) ? ParsePort(suffix) : null;
    }

    private static int? ParsePort(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;
}
