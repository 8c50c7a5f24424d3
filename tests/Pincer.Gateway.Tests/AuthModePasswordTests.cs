using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>Auth mode <c>password</c> (spec §4.1): the mode picks the secret, not the field.</summary>
public sealed class AuthModePasswordTests(PasswordGatewayFixture gateway) : IClassFixture<PasswordGatewayFixture>
{
    [Fact]
    public async Task PasswordFieldAuthenticatesWithMethodPassword()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        Assert.Equal("password", (string?)client.Hello!["auth"]!["method"]);
        Assert.Equal("password", (string?)client.Hello!["snapshot"]!["authMode"]);
    }

    [Fact]
    public async Task TokenFieldCarryingPasswordIsAccepted()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], new JsonObject { ["token"] = GatewayFixture.Password }));
        Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Equal("password", (string?)res["payload"]!["auth"]!["method"]);
    }

    [Fact]
    public async Task WrongPasswordIsPasswordMismatch()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], new JsonObject { ["password"] = "nope" }));
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal("AUTH_PASSWORD_MISMATCH", (string?)res["error"]!["details"]!["code"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }
}
