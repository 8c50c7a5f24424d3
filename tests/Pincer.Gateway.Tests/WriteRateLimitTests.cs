using System.Text.Json.Nodes;
using Pincer.Client.Identity;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>
/// Control-plane write limit (spec §8): 30 per 60 s per (method, device). The router counts after
/// params validation and before the handler, so calls with a stale baseHash count without writing.
/// </summary>
public sealed class WriteRateLimitTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task ThirtyFirstConfigPatchIsRateLimited()
    {
        // A fresh device gives this test its own limiter subject.
        var identity = DeviceIdentity.Create();
        await using var client = await gateway.OpenAsync();
        var p = ConnectParams.Signed(ConnectParams.Build("cli", "cli", ConnectParams.AllScopes, ConnectParams.SharedAuth(gateway)), identity, client.Nonce, GatewayFixture.Token);
        var hello = await client.RequestAsync("connect", p);
        Assert.True(hello["ok"]!.GetValue<bool>(), hello.ToJsonString());

        var patch = new JsonObject { ["raw"] = """{ "update": { "checkOnStart": false } }""", ["baseHash"] = "hmac-sha256:v1:stale" };
        for (var i = 1; i <= 30; i++)
        {
            var res = await client.RequestAsync("config.patch", patch.DeepClone());
            Assert.False(res["ok"]!.GetValue<bool>());
            Assert.Equal("config changed since last load; re-run config.get and retry", (string?)res["error"]!["message"]);
        }

        var limited = await client.RequestAsync("config.patch", patch.DeepClone());
        Assert.False(limited["ok"]!.GetValue<bool>());
        var error = limited["error"]!;
        Assert.Equal("UNAVAILABLE", (string?)error["code"]);
        Assert.StartsWith("rate limit exceeded for config.patch", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Matches(@"^rate limit exceeded for config\.patch; retry after \d+s$", (string)error["message"]!);
        Assert.True(error["retryable"]!.GetValue<bool>());
        Assert.True(error["retryAfterMs"]!.GetValue<long>() > 0);
        Assert.Equal("config.patch", (string?)error["details"]!["method"]);
        Assert.Equal("30 per 60s", (string?)error["details"]!["limit"]);
    }
}
