using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary><c>models.list</c>, <c>models.authStatus</c>, <c>agent.identity.get</c> and <c>usage.cost</c> on a real gateway.</summary>
public sealed class ModelMethodsTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task The_catalog_lists_the_configured_provider_models_with_their_roles()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var list = await client.CallOkAsync("models.list", new JsonObject());
        var row = list!["models"]!.AsArray().Single()!;
        Assert.Equal(
            """{"id":"fake-model","name":"Fake Model","provider":"fake","contextWindow":128000,"reasoning":false,"tags":["default"],"thinkingLevels":[{"id":"off","label":"off"}],"thinkingDefault":"off","available":true}""",
            row.ToJsonString());

        var detailed = await client.CallOkAsync("models.list", new JsonObject { ["includeDetails"] = true });
        Assert.True((bool)detailed!["models"]![0]!["local"]!);
        Assert.Equal("text", (string?)detailed["models"]![0]!["input"]![0]);

        var configured = await client.CallOkAsync("models.list", new JsonObject { ["view"] = "configured" });
        Assert.NotNull(configured!["defaultModels"]);

        var unknown = await client.RequestAsync("models.list", new JsonObject { ["provider"] = "nope" });
        Assert.Equal("UNAVAILABLE", (string?)unknown["error"]!["code"]);
        var invalid = await client.RequestAsync("models.list", new JsonObject { ["view"] = "everything" });
        Assert.Equal("INVALID_REQUEST", (string?)invalid["error"]!["code"]);
    }

    [Fact]
    public async Task Auth_status_reports_where_each_key_comes_from()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var status = await client.CallOkAsync("models.authStatus", new JsonObject());
        var fake = status!["providers"]!.AsArray().Single()!;
        Assert.Equal("config", (string?)fake["apiKey"]!["source"]);
        Assert.Equal("static", (string?)fake["status"]);
        Assert.Contains(status["providerCapabilities"]!.AsArray(), c => (string?)c!["provider"] == "anthropic");
    }

    [Fact]
    public async Task Identity_comes_from_the_workspace_file_and_defaults_to_assistant()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var unknown = await client.CallOkAsync("agent.identity.get", new JsonObject { ["agentId"] = "nobody" });
        Assert.Equal("""{"agentId":"nobody","name":"Assistant","nameSource":"default","avatar":"A"}""", unknown!.ToJsonString());

        var path = Path.Combine(gateway.Workspace, "IDENTITY.md");
        await File.WriteAllTextAsync(path, "- **Name:** Pinch\n- **Emoji:** *(your signature - pick one that feels right)*\n- **Avatar:** https://example.invalid/a.png\n");
        try
        {
            var main = await client.CallOkAsync("agent.identity.get", new JsonObject());
            Assert.Equal("Pinch", (string?)main!["name"]);
            Assert.Equal("workspace", (string?)main["nameSource"]);
            Assert.Null(main["emoji"]);
            Assert.Equal("remote", (string?)main["avatarStatus"]);
            Assert.Equal("https://example.invalid/a.png", (string?)main["avatar"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Usage_cost_sums_todays_replies()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var before = await client.CallOkAsync("usage.cost", new JsonObject { ["days"] = 1 });
        gateway.Model.Script.Then(new FakeReply { Text = "Counted.", Usage = new FakeUsage(40, 7, 0, 0, 0) });
        var runId = "u-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = "agent:main:usage", ["message"] = "count me", ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");

        var after = await client.CallOkAsync("usage.cost", new JsonObject { ["days"] = 1 });
        Assert.Single(after!["daily"]!.AsArray());
        Assert.Equal((long)before!["totals"]!["input"]! + 40, (long)after["totals"]!["input"]!);
        Assert.Equal((long)before["totals"]!["output"]! + 7, (long)after["totals"]!["output"]!);
        Assert.Equal("fresh", (string?)after["cacheStatus"]!["status"]);
    }
}
