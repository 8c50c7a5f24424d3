namespace Pincer.Cli.Targets;

/// <summary>
/// How a command presents itself in <c>connect</c> (captured from the reference CLI):
/// <c>gateway call</c> is <c>cli/cli</c>; <c>health</c> and <c>status</c>'s data call are
/// <c>gateway-client/backend</c> named <c>gateway:&lt;method&gt;</c>; reachability probes are
/// <c>cli/probe</c> with protocol 3..4.
/// </summary>
internal sealed record GatewayCallIdentity(string ClientId, string Mode, string? DisplayName, string Version, int MinProtocol)
{
    public static GatewayCallIdentity Cli { get; } = new("cli", "cli", null, CliVersion.Compatible, 4);

    public static GatewayCallIdentity Probe { get; } = new("cli", "probe", null, "dev", 3);

    public static GatewayCallIdentity Backend(string method) => new("gateway-client", "backend", $"gateway:{method}", CliVersion.Compatible, 4);
}
