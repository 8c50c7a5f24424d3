namespace Pincer.Client.Connection;

/// <summary>The <c>client.id</c> values our callers use (the server's enum is larger).</summary>
public static class GatewayClientNames
{
    public const string Cli = "cli";
    public const string GatewayClient = "gateway-client";
}
