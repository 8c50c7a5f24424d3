namespace Pincer.Cli.Targets;

/// <summary>Where a gateway-talking command connects and with which shared secret, plus why (for diagnostics).</summary>
internal sealed record GatewayTarget(
    string UrlText,
    Uri Url,
    string UrlSource,
    string? Token,
    string? Password,
    string ConfigPath,
    int? LocalPort)
{
    /// <summary>The auth mode this profile's config resolves to (<c>token</c> unless set or only a password exists).</summary>
    public string AuthMode { get; init; } = "token";

    /// <summary>The state dir whose <c>state/openclaw.sqlite</c> may hold this machine's device identity.</summary>
    public string? StateDir { get; init; }

    public bool IsLoopback => Url.IsLoopback;
}
