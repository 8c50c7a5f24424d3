using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Pincer.Client.Identity;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>Auth mode <c>none</c> (spec §4.1, §4.4, §12.6): a device is still required.</summary>
public sealed class AuthModeNoneTests(NoneGatewayFixture gateway) : IClassFixture<NoneGatewayFixture>
{
    [Fact]
    public async Task DevicelessCliIsDeviceIdentityRequired()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", ConnectParams.AllScopes, null));
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("NOT_PAIRED", (string?)res["error"]!["code"]);
        Assert.Equal("DEVICE_IDENTITY_REQUIRED", (string?)res["error"]!["details"]!["code"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task SignedDeviceGetsHelloWithMethodNone()
    {
        await using var client = await gateway.OpenAsync();
        var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", ConnectParams.AllScopes, null), DeviceIdentity.Create(), client.Nonce, null);
        var res = await client.RequestAsync("connect", p);
        Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Equal("none", (string?)res["payload"]!["auth"]!["method"]);
        Assert.Equal("none", (string?)res["payload"]!["snapshot"]!["authMode"]);
    }

    [Fact]
    public async Task LoopbackBackendClientKeepsScopesWithoutDevice()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("gateway-client", "backend", ["operator.read"], new JsonObject()));
        Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Equal(["operator.read"], res["payload"]!["auth"]!["scopes"]!.AsArray().Select(s => (string)s!));
    }
}
