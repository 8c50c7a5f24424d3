using System.Text.Json.Nodes;
using Pincer.Client.Connection;

namespace Pincer.Cli.Targets;

/// <summary>
/// One-shot connection per command, as the reference CLI does: connect, one request, close. The
/// device identity and stored device token come from <see cref="CliDeviceAuth"/>.
/// </summary>
internal static class GatewayCaller
{
    public static async Task<JsonNode?> CallAsync(GatewayTarget target, GatewayCallIdentity identity, IReadOnlyList<string> scopes,
        string method, JsonNode? parameters, TimeSpan timeout, bool expectFinal, CancellationToken cancellationToken)
    {
        var deviceAuth = CliDeviceAuth.Resolve(target, identity);
        EnsureCanAuthenticate(target, deviceAuth, method);
        await using var client = await ConnectAsync(target, identity, scopes, deviceAuth, timeout, cancellationToken).ConfigureAwait(false);
        var options = new GatewayRequestOptions { Timeout = timeout, ExpectFinal = expectFinal };
        return await client.RequestAsync(method, parameters, options, cancellationToken).ConfigureAwait(false);
    }

    public static Task<GatewayClient> ConnectAsync(GatewayTarget target, GatewayCallIdentity identity, IReadOnlyList<string> scopes,
        TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAsync(target, identity, scopes, CliDeviceAuth.Resolve(target, identity), timeout, cancellationToken);

    private static Task<GatewayClient> ConnectAsync(GatewayTarget target, GatewayCallIdentity identity, IReadOnlyList<string> scopes,
        CliDeviceAuth deviceAuth, TimeSpan timeout, CancellationToken cancellationToken) =>
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
            DeviceToken = deviceAuth.DeviceToken,
            Device = deviceAuth.Device,
            ConnectTimeout = timeout,
            RequestTimeout = timeout,
        }, cancellationToken);

    /// <summary>
    /// A token/password gateway with nothing to present is refused before any socket opens, so the
    /// user sees how to fix it instead of a bare auth rejection.
    /// </summary>
    private static void EnsureCanAuthenticate(GatewayTarget target, CliDeviceAuth deviceAuth, string method)
    {
        if (target.AuthMode is not ("token" or "password")
            || !string.IsNullOrWhiteSpace(target.Token) || !string.IsNullOrWhiteSpace(target.Password) || deviceAuth.HasStoredToken)
        {
            return;
        }

        throw new GatewayCredentialsRequiredException(string.Join('\n',
            $"gateway {method} requires credentials before opening a websocket",
            "Fix: configure gateway.auth token/password, pair this device, or pass --token/--password.",
            $"Config: {target.ConfigPath}"));
    }
}
