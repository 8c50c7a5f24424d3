using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Pincer.Client.Identity;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>Device identity proof, silent loopback pairing and device tokens (spec §4.2, §4.3).</summary>
public sealed class DeviceAuthTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task SignedConnectIssuesDeviceTokenAndDeviceTokenReconnects()
    {
        var identity = DeviceIdentity.Create();
        string deviceToken;
        await using (var first = await gateway.OpenAsync())
        {
            var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", ConnectParams.AllScopes, ConnectParams.SharedAuth(gateway)),
                identity, first.Nonce, GatewayFixture.Token);
            var res = await first.RequestAsync("connect", p);
            Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
            var auth = res["payload"]!["auth"]!;
            Assert.Equal("token", (string?)auth["method"]);
            deviceToken = (string)auth["deviceToken"]!;
            Assert.Equal(43, deviceToken.Length);
            Assert.Matches("^[A-Za-z0-9_-]+$", deviceToken);
            Assert.True(auth["issuedAtMs"]!.GetValue<long>() > 0);
            Assert.Equal(ConnectParams.AllScopes, auth["scopes"]!.AsArray().Select(s => (string)s!));
        }

        await using var second = await gateway.OpenAsync();
        var again = ConnectParams.Signed(ConnectParams.Build("cli", "cli", ConnectParams.AllScopes, new JsonObject { ["deviceToken"] = deviceToken }),
            identity, second.Nonce, deviceToken);
        var hello = await second.RequestAsync("connect", again);
        Assert.True(hello["ok"]!.GetValue<bool>(), hello.ToJsonString());
        Assert.Equal("device-token", (string?)hello["payload"]!["auth"]!["method"]);
        Assert.Equal(deviceToken, (string?)hello["payload"]!["auth"]!["deviceToken"]);

        // The paired device is listed.
        var list = await second.CallOkAsync("device.pair.list", new JsonObject());
        Assert.Contains(list!["paired"]!.AsArray(), d => (string?)d!["deviceId"] == identity.DeviceId);
    }

    [Fact]
    public async Task TamperedSignatureIsInvalid()
    {
        await using var client = await gateway.OpenAsync();
        var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway)), DeviceIdentity.Create(), client.Nonce, GatewayFixture.Token);
        var signature = (string)p["device"]!["signature"]!;
        p["device"]!["signature"] = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        await AssertDeviceErrorAsync(client, p, "DEVICE_AUTH_SIGNATURE_INVALID", "device signature invalid");
    }

    [Fact]
    public async Task StaleSignedAtIsExpired()
    {
        await using var client = await gateway.OpenAsync();
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway)), DeviceIdentity.Create(), client.Nonce, GatewayFixture.Token, stale);
        await AssertDeviceErrorAsync(client, p, "DEVICE_AUTH_SIGNATURE_EXPIRED", "device signature expired");
    }

    [Fact]
    public async Task WrongNonceIsNonceMismatch()
    {
        await using var client = await gateway.OpenAsync();
        var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway)), DeviceIdentity.Create(), client.Nonce,
            GatewayFixture.Token, signNonce: Guid.NewGuid().ToString());
        await AssertDeviceErrorAsync(client, p, "DEVICE_AUTH_NONCE_MISMATCH", "device nonce mismatch");
    }

    [Fact]
    public async Task RevokingTokenOfUnknownDeviceIsDenied()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("device.token.revoke", new JsonObject { ["deviceId"] = new string('0', 64), ["role"] = "operator" });
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal("device token revocation denied", (string?)res["error"]!["message"]);
    }

    private static async Task AssertDeviceErrorAsync(WsTestClient client, JsonObject connectParams, string code, string message)
    {
        var res = await client.RequestAsync("connect", connectParams);
        Assert.False(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        var error = res["error"]!;
        Assert.Equal("INVALID_REQUEST", (string?)error["code"]);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal(code, (string?)error["details"]!["code"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(message, client.CloseStatusDescription);
    }
}
