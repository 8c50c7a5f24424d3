using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>Router admission after hello-ok: frames, scopes, unknown methods (spec §2, §5.3).</summary>
public sealed class MethodRouterTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task InvalidFrameAfterAuthGetsResponseWithIdInvalidAndSocketStaysOpen()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        await client.SendTextAsync("""{"type":"req","method":"health"}""");
        var res = await client.ResponseAsync("invalid");
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.StartsWith("invalid request frame: ", (string)res["error"]!["message"]!, StringComparison.Ordinal);
        await client.CallOkAsync("health");
    }

    [Fact]
    public async Task UnparseableJsonAfterAuthIsIgnored()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        await client.SendTextAsync("{nope");
        await client.CallOkAsync("health");
    }

    [Fact]
    public async Task ZeroScopeOperatorCannotReadConfig()
    {
        await using var client = await ConnectZeroScopeAsync();
        var res = await client.RequestAsync("config.get", new JsonObject());
        Assert.False(res["ok"]!.GetValue<bool>());
        var error = res["error"]!;
        Assert.Equal("FORBIDDEN", (string?)error["code"]);
        Assert.Equal("missing scope: operator.read", (string?)error["message"]);
        Assert.Equal("MISSING_SCOPE", (string?)error["details"]!["code"]);
        Assert.Equal("operator.read", (string?)error["details"]!["missingScope"]);
    }

    [Fact]
    public async Task HealthNeedsNoScope()
    {
        await using var client = await ConnectZeroScopeAsync();
        var health = await client.CallOkAsync("health");
        Assert.NotNull(health);
    }

    [Fact]
    public async Task UnknownMethodAsAdminIsUnknownMethod()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("x", new JsonObject());
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal("unknown method: x", (string?)res["error"]!["message"]);
    }

    [Fact]
    public async Task UnknownMethodAsNonAdminIsMissingAdminScope()
    {
        await using var client = await gateway.ConnectCliAsync("operator.read", "operator.write");
        var res = await client.RequestAsync("x", new JsonObject());
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("FORBIDDEN", (string?)res["error"]!["code"]);
        Assert.Equal("missing scope: operator.admin", (string?)res["error"]!["message"]);
    }

    [Fact]
    public async Task ConnectAfterHandshakeIsInvalid()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway)));
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
    }

    [Fact]
    public async Task OperatorCallingNodeMethodIsUnauthorizedRole()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("node.event", new JsonObject());
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal("unauthorized role: operator", (string?)res["error"]!["message"]);
    }

    private async Task<WsTestClient> ConnectZeroScopeAsync()
    {
        var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("test", "test", ConnectParams.AllScopes, ConnectParams.SharedAuth(gateway)));
        Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Empty(res["payload"]!["auth"]!["scopes"]!.AsArray());
        return client;
    }
}
