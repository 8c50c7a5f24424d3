using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Classifies the processes on the gateway port (our gateway, an SSH tunnel, something else) and
/// turns that into the reference's remediation hints; a single gateway on loopback/wildcard, or one
/// gateway process on both loopback families, is the expected picture and earns no hint.
/// </summary>
internal static partial class PortHints
{
    public static List<string> Build(IReadOnlyList<JsonObject> listeners, int port)
    {
        var hints = new List<string>();
        if (listeners.Count == 0)
        {
            return hints;
        }

        var kinds = listeners.Select(Classify).ToHashSet(StringComparer.Ordinal);
        var expected = IsExpectedGateway(listeners, port);
        if (kinds.Contains("gateway") && !expected)
        {
            hints.Add("A gateway is already running here; stop it (openclaw gateway stop) or pick another port.");
        }

        if (kinds.Contains("ssh"))
        {
            hints.Add("An SSH tunnel holds this port; close it or forward a different local port with -L.");
        }

        if (kinds.Contains("unknown") || kinds.Contains("non_gateway"))
        {
            hints.Add("Some other process is listening on this port.");
        }

        if (listeners.Count > 1 && !expected)
        {
            hints.Add("Several listeners share this port; keep one gateway or tunnel per port unless the profiles are deliberately isolated.");
        }

        return hints;
    }

    internal static string Classify(JsonObject listener)
    {
        var command = (listener["command"]?.GetValue<string>() ?? "").ToLowerInvariant();
        var commandLine = (listener["commandLine"]?.GetValue<string>() ?? "").ToLowerInvariant();
        if (command is "socat" or "socat1" or "socat.exe")
        {
            return "non_gateway";
        }

        if ($"{commandLine} {command}".Contains("openclaw", StringComparison.Ordinal))
        {
            return "gateway";
        }

        if (SshCommand().IsMatch(command) || SshInCommandLine().IsMatch(commandLine))
        {
            return "ssh";
        }

        if (command == "sshd" || SshdCommand().IsMatch(command) || SshLikeCommand().IsMatch(command) || SshLikeInCommandLine().IsMatch(commandLine))
        {
            return "non_gateway";
        }

        return "unknown";
    }

    public static (string Host, int Port)? ParseEndpoint(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        text = ListenPrefix().Replace(text, "");
        text = ListenSuffix().Replace(text, "");
        var bracket = Bracketed().Match(text);
        if (bracket.Success)
        {
            return int.TryParse(bracket.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p6) ? (bracket.Groups[1].Value.ToLowerInvariant(), p6) : null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon >= text.Length - 1 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            return null;
        }

        return (text[..colon].ToLowerInvariant(), p);
    }

    private static bool IsExpectedGateway(IReadOnlyList<JsonObject> listeners, int port)
    {
        if (listeners.Any(l => Classify(l) != "gateway"))
        {
            return false;
        }

        var parsed = new List<(int Pid, string Host)>();
        foreach (var l in listeners)
        {
            if (l["pid"] is not JsonValue pidValue || !pidValue.TryGetValue<int>(out var pid) || ParseEndpoint(l["address"]?.GetValue<string>()) is not { } ep || ep.Port != port)
            {
                return false;
            }

            parsed.Add((pid, ep.Host));
        }

        if (parsed.Count == 1)
        {
            return LoopbackFamily(parsed[0].Host) is not null || parsed[0].Host is "0.0.0.0" or "::" or "*";
        }

        var onePid = parsed.Select(p => p.Pid).Distinct().Count() == 1;
        var families = parsed.Select(p => LoopbackFamily(p.Host)).ToHashSet();
        var dualStackLoopback = onePid && !families.Contains(null) && families.Contains("ipv4") && families.Contains("ipv6");
        var specificWithLoopback = parsed.Count == 2 && onePid && parsed.Any(p => p.Host == "127.0.0.1")
            && parsed.Any(p => p.Host != "127.0.0.1" && p.Host != "0.0.0.0" && IPAddress.TryParse(p.Host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork);
        return dualStackLoopback || specificWithLoopback;
    }

    private static string? LoopbackFamily(string host) => host switch
    {
        "127.0.0.1" or "localhost" => "ipv4",
        "::1" or "::ffff:127.0.0.1" => "ipv6",
        _ => null,
    };

    [GeneratedRegex(@"(?:^|[/\\])ssh(?:\.exe)?$")]
    private static partial Regex SshCommand();

    [GeneratedRegex("""(?:^|[\s"'])(?:(?:"[^"]*[/\\])|(?:'[^']*[/\\])|(?:\S*[/\\]))?ssh(?:\.exe)?(?:[\s"']|$)""")]
    private static partial Regex SshInCommandLine();

    [GeneratedRegex(@"(?:^|[/\\])sshd(?:\.exe)?$")]
    private static partial Regex SshdCommand();

    [GeneratedRegex(@"(?:^|[/\\])[^/\\\s]*ssh[^/\\\s]*(?:\.exe)?$")]
    private static partial Regex SshLikeCommand();

    [GeneratedRegex("""(?:^|[/\\\s])[^/\\\s]*ssh[^/\\\s]*(?:\.exe)?(?:[/\\\s"']|$)""")]
    private static partial Regex SshLikeInCommandLine();

    [GeneratedRegex(@"^tcp6?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ListenPrefix();

    [GeneratedRegex(@"\s*\(listen\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenSuffix();

    [GeneratedRegex(@"^\[([^\]]+)\]:(\d+)$")]
    private static partial Regex Bracketed();
}
