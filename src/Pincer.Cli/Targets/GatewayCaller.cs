using System.Text.Json.Nodes;
using Pincer.Client.Connection;

namespace Pincer.Cli.Targets;

/// <summary>
/// One-shot connection per command, as the reference CLI does: connect, one request, close.
/// No device identity is sent: on a loopback URL with a shared secret the reference omits it too,
/// and elsewhere it only signs with an identity already stored in <c>state/openclaw.sqlite</c>
/// (which Pincer cannot read yet — see the Cli README).
/// </summary>
internal static class GatewayCaller
{
    public static async Task<JsonNode?> CallAsync(GatewayTarget target, GatewayCallIdentity identity, IReadOnlyList<string> scopes,
        string method, JsonNode? parameters, TimeSpan timeout, bool expectFinal, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(target, identity, scopes, timeout, cancellationToken).ConfigureAwait(false);
        var options = new GatewayRequestOptions { Timeout = timeout, ExpectFinal = expectFinal };
        return await client.RequestAsync(method, parameters, options, cancellationToken).ConfigureAwait(false);
    }

    public static Task<GatewayClient> ConnectAsync(GatewayTarget target, GatewayCallIdentity identity, IReadOnlyList<string> scopes,
        TimeSpan timeout, CancellationToken cancellationToken) =>
        GatewayClient.ConnectAsync(new GatewayClientOptions
        {
            Url = target.Url,
            ClientId = identity.ClientId,
            ClientMode = identity.Mode,
            DisplayName = identity.DisplayName,
            ClientVersion = identity.Version,
            MinProtocol = identity.MinProtocol,
            Scopes = scopes,
            Token = target.Token,
            Password = target.Password,
            ConnectTimeout = timeout,
            RequestTimeout = timeout,
        }, cancellationToken);
}
