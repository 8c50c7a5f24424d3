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
    public bool IsLoopback => Url.IsLoopback;
}
