namespace Pincer.Client.Connection;

/// <summary>The <c>client.mode</c> values our callers use.</summary>
public static class GatewayClientModes
{
    public const string Cli = "cli";
    public const string Backend = "backend";
    public const string Probe = "probe";
}
