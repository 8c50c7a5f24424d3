using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary><c>chat.startup</c> (by key and by short id) and <c>sessions.usage.timeseries|logs</c> on a real gateway after real turns.</summary>
public sealed class ChatStartupAndUsageTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task Startup_by_key_is_the_history_answer_and_by_short_id_resolves_first()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var uuid = Guid.NewGuid().ToString();
        var key = "agent:main:dashboard:" + uuid;
        await TurnAsync(client, key, "Hello there", "General Kenobi.");

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var startup = await client.CallOkAsync("chat.startup", new JsonObject { ["sessionKey"] = key });
        Assert.Equal(history!.AsObject().Select(p => p.Key), startup!.AsObject().Select(p => p.Key));
        Assert.Equal(history["messages"]!.ToJsonString(), startup["messages"]!.ToJsonString());

        var shortId = uuid.Replace("-", string.Empty, StringComparison.Ordinal)[..12];
        var byShortId = await client.CallOkAsync("chat.startup", new JsonObject { ["shortId"] = shortId.ToUpperInvariant(), ["agentId"] = "main" });
        Assert.Equal(key, (string?)byShortId!["sessionKey"]);
        Assert.Equal(2, byShortId["messages"]!.AsArray().Count);
        var resolution = byShortId["resolution"]!;
        Assert.True((bool)resolution["ok"]!);
        Assert.Equal(key, (string?)resolution["key"]);
        Assert.Equal("main", (string?)resolution["agentId"]);

        var missing = await client.CallOkAsync("chat.startup", new JsonObject { ["shortId"] = "00000000", ["agentId"] = "main" });
        Assert.Equal("""{"resolution":{"ok":false}}""", missing!.ToJsonString());

        var malformed = await client.RequestAsync("chat.startup", new JsonObject { ["shortId"] = "xyz", ["agentId"] = "main" });
        Assert.Equal("shortId must be 8-32 hexadecimal characters", (string?)malformed["error"]!["message"]);
        var neither = await client.RequestAsync("chat.startup", new JsonObject());
        Assert.Equal("INVALID_REQUEST", (string?)neither["error"]!["code"]);
    }

    [Fact]
    public async Task Opening_a_chat_by_short_id_subscribes_the_connection_to_session_changes()
    {
        await using var watcher = await gateway.ConnectCliAsync(AllScopes);
        await watcher.CallOkAsync("chat.startup", new JsonObject { ["shortId"] = "0123abcd", ["agentId"] = "main" });
        await using var writer = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:watched-" + Guid.NewGuid().ToString("N")[..8];
        await writer.CallOkAsync("sessions.create", new JsonObject { ["key"] = key });
        await watcher.WaitForEventAsync("sessions.changed", p => (string?)p!["sessionKey"] == key);
    }

    [Fact]
    public async Task Timeseries_and_logs_follow_the_transcript()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:usage-" + Guid.NewGuid().ToString("N")[..8];
        await TurnAsync(client, key, "first", "One.", new FakeUsage(10, 2, 0, 0, 0));
        await TurnAsync(client, key, "second", "Two.", new FakeUsage(30, 4, 0, 0, 0));

        var series = await client.CallOkAsync("sessions.usage.timeseries", new JsonObject { ["key"] = key });
        var points = series!["points"]!.AsArray();
        Assert.Equal(2, points.Count);
        Assert.Equal(["timestamp", "input", "output", "cacheRead", "cacheWrite", "totalTokens", "cost", "cumulativeTokens", "cumulativeCost"],
            points[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(12 + 34, (long)points[1]!["cumulativeTokens"]!);
        Assert.Equal(0, (double)points[1]!["cost"]!);

        var logs = (await client.CallOkAsync("sessions.usage.logs", new JsonObject { ["key"] = key }))!["logs"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], logs.Select(l => (string?)l!["role"]));
        Assert.Equal("Two.", (string?)logs[3]!["content"]);
        Assert.Equal(34, (long)logs[3]!["tokens"]!);
        Assert.Null(logs[3]!["cost"]);
        Assert.Null(logs[2]!["tokens"]);

        var last = (await client.CallOkAsync("sessions.usage.logs", new JsonObject { ["key"] = key, ["limit"] = 1 }))!["logs"]!.AsArray();
        Assert.Equal("Two.", (string?)last.Single()!["content"]);

        var none = await client.RequestAsync("sessions.usage.timeseries", new JsonObject { ["key"] = "agent:main:never-" + Guid.NewGuid().ToString("N")[..6] });
        Assert.StartsWith("No transcript found for session: agent:main:never-", (string?)none["error"]!["message"], StringComparison.Ordinal);
        var noLogs = await client.CallOkAsync("sessions.usage.logs", new JsonObject { ["key"] = "agent:main:never" });
        Assert.Empty(noLogs!["logs"]!.AsArray());
        var keyless = await client.RequestAsync("sessions.usage.logs", new JsonObject());
        Assert.Equal("key is required for logs", (string?)keyless["error"]!["message"]);
    }

    [Fact]
    public async Task Usage_without_configured_prices_counts_as_missing_cost_by_model()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        await TurnAsync(client, "agent:main:priced-" + Guid.NewGuid().ToString("N")[..8], "count", "Counted.", new FakeUsage(5, 1, 0, 0, 0));
        var report = await client.CallOkAsync("usage.cost", new JsonObject { ["days"] = 1 });
        var totals = report!["totals"]!;
        Assert.True((long)totals["missingCostEntries"]! >= 1);
        Assert.True((long)totals["missingCostByModel"]!["fake/fake-model"]! >= 1);
    }

    private async Task TurnAsync(WsTestClient client, string key, string message, string reply, FakeUsage? usage = null)
    {
        gateway.Model.Script.Then(usage is null ? FakeReply.Say(reply) : new FakeReply { Text = reply, Usage = usage });
        var runId = "t-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = message, ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");
    }
}
