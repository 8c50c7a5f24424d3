using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary><c>config.get|set|patch</c> over the wire: payload shape and the base-hash guard.</summary>
public sealed class ConfigMethodsTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    private const string BaseConfig = """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""";

    [Fact]
    public async Task GetReturnsSnapshotWithHmacHash()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var payload = (await client.CallOkAsync("config.get", new JsonObject()))!.AsObject();
        foreach (var key in new[] { "path", "exists", "raw", "parsed", "resolved", "valid", "config", "hash", "issues", "warnings", "legacyIssues" })
        {
            Assert.True(payload.ContainsKey(key), $"config.get payload lacks {key}: {string.Join(",", payload.Select(kv => kv.Key))}");
        }

        Assert.Equal(gateway.ConfigPath, (string?)payload["path"]);
        Assert.True(payload["exists"]!.GetValue<bool>());
        Assert.True(payload["valid"]!.GetValue<bool>());
        Assert.StartsWith("hmac-sha256:v1:", (string)payload["hash"]!, StringComparison.Ordinal);
        Assert.Matches("^hmac-sha256:v1:[A-Za-z0-9_-]+$", (string)payload["hash"]!);
    }

    [Fact]
    public async Task SetWithoutBaseHashIsRefused()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("config.set", new JsonObject { ["raw"] = BaseConfig });
        AssertInvalid(res, "config base hash required; re-run config.get and retry");
    }

    [Fact]
    public async Task SetWithStaleBaseHashIsRefused()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var res = await client.RequestAsync("config.set", new JsonObject { ["raw"] = BaseConfig, ["baseHash"] = "hmac-sha256:v1:stale" });
        AssertInvalid(res, "config changed since last load; re-run config.get and retry");
    }

    [Fact]
    public async Task SetValidConfigAnswersOkAndBroadcastsConfigChanged()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var hash = (string)(await client.CallOkAsync("config.get", new JsonObject()))!["hash"]!;
        const string next = """{ "update": { "checkOnStart": false, "channel": "stable" }, "models": { "catalogRefresh": { "enabled": false } } }""";
        var payload = await client.CallOkAsync("config.set", new JsonObject { ["raw"] = next, ["baseHash"] = hash });
        Assert.True(payload!["ok"]!.GetValue<bool>());
        var newHash = (string)payload["hash"]!;
        Assert.StartsWith("hmac-sha256:v1:", newHash, StringComparison.Ordinal);
        Assert.NotEqual(hash, newHash);

        var changed = await client.WaitForEventAsync("config.changed");
        Assert.Equal(newHash, (string?)changed["payload"]!["hash"]);

        var after = await client.CallOkAsync("config.get", new JsonObject());
        Assert.Equal(newHash, (string?)after!["hash"]);
        Assert.Equal("stable", (string?)after["parsed"]!["update"]!["channel"]);
    }

    [Fact]
    public async Task PatchWithInvalidValueReportsIssues()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var hash = (string)(await client.CallOkAsync("config.get", new JsonObject()))!["hash"]!;
        var res = await client.RequestAsync("config.patch", new JsonObject { ["raw"] = """{ "update": { "checkOnStart": "yes" } }""", ["baseHash"] = hash });
        Assert.False(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.StartsWith("invalid config: ", (string)res["error"]!["message"]!, StringComparison.Ordinal);
        var issues = res["error"]!["details"]!["issues"]!.AsArray();
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.NotNull((string?)i!["message"]));

        // Nothing was written.
        Assert.Equal(hash, (string?)(await client.CallOkAsync("config.get", new JsonObject()))!["hash"]);
    }

    private static void AssertInvalid(JsonObject res, string message)
    {
        Assert.False(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal(message, (string?)res["error"]!["message"]);
    }
}
