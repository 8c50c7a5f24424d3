using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>
/// <c>agent</c> (two answers under one id), <c>sessions.send</c> and <c>sessions.abort</c> against the real gateway
/// and the fake provider, with the shapes the reference answers with.
/// </summary>
public sealed class AgentMethodTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task Agent_answers_accepted_then_the_runs_result_under_the_same_id()
    {
        gateway.Model.Script.Then(FakeReply.Say("Tide pools, mostly."));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:ag-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "run-" + Guid.NewGuid().ToString("N")[..8];

        var accepted = await client.RequestAsync("agent", new JsonObject { ["message"] = "Where?", ["idempotencyKey"] = runId, ["sessionKey"] = key }, id: "a1");
        var ack = accepted["payload"]!;
        Assert.Equal(["runId", "sessionKey", "agentId", "status", "acceptedAt"], ack.AsObject().Select(p => p.Key));
        Assert.Equal("accepted", (string?)ack["status"]);
        Assert.Equal(key, (string?)ack["sessionKey"]);

        var final = await client.ResponseAsync("a1");
        Assert.True((bool)final["ok"]!);
        var payload = final["payload"]!;
        Assert.Equal("ok", (string?)payload["status"]);
        Assert.Equal("completed", (string?)payload["summary"]);
        Assert.Equal("Tide pools, mostly.", (string?)payload["result"]!["payloads"]![0]!["text"]);
        var meta = payload["result"]!["meta"]!;
        Assert.Equal(key, (string?)meta["agentMeta"]!["sessionFile"]);
        Assert.Equal("fake", (string?)meta["agentMeta"]!["provider"]);
        Assert.Equal(128000, (int)meta["agentMeta"]!["contextTokens"]!);
        Assert.Equal("stop", (string?)meta["stopReason"]);

        var row = await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = key });
        Assert.NotNull(row);
    }

    [Fact]
    public async Task Agent_without_a_session_runs_in_its_own_explicit_session_and_a_repeat_is_in_flight()
    {
        gateway.Model.Script.Then(FakeReply.StreamThenStall("slow words here", chunks: 3, stallAfter: 1));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var runId = "run-" + Guid.NewGuid().ToString("N")[..8];
        var request = new JsonObject { ["message"] = "Talk slowly", ["idempotencyKey"] = runId };

        var ack = (await client.RequestAsync("agent", request.DeepClone(), id: "b1"))["payload"]!;
        Assert.Equal(["runId", "agentId", "status", "acceptedAt"], ack.AsObject().Select(p => p.Key));
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "delta");

        var again = await client.CallOkAsync("agent", request.DeepClone());
        Assert.Equal("in_flight", (string?)again!["status"]);

        var abort = await client.CallOkAsync("sessions.abort", new JsonObject { ["key"] = $"agent:main:explicit:{runId}" });
        Assert.Equal(runId, (string?)abort!["abortedRunId"]);
        Assert.Equal("aborted", (string?)abort["status"]);

        // sessions.abort answers once the run settled, so the run's own final answer may already have arrived.
        var early = client.Events.FirstOrDefault(f => (string?)f["type"] == "res" && (string?)f["id"] == "b1");
        var final = (early ?? await client.ResponseAsync("b1"))["payload"]!;
        Assert.Equal("timeout", (string?)final["status"]);
        Assert.Equal("aborted", (string?)final["summary"]);
        Assert.Equal("rpc", (string?)final["stopReason"]);

        var listed = await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = $"agent:main:explicit:{runId}" });
        Assert.Equal(runId, (string?)listed!["session"]?["sessionId"] ?? (string?)listed["sessionId"]);
    }

    [Fact]
    public async Task A_failed_agent_run_answers_unavailable_with_its_summary()
    {
        gateway.Model.Script.Then(FakeReply.Fail(FakeErrorKind.InvalidKey));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var runId = "run-" + Guid.NewGuid().ToString("N")[..8];

        await client.RequestAsync("agent", new JsonObject { ["message"] = "fail", ["idempotencyKey"] = runId, ["sessionKey"] = "agent:main:fails" }, id: "c1");
        var final = await client.ResponseAsync("c1");
        Assert.False((bool)final["ok"]!);
        Assert.Equal(["type", "id", "ok", "payload", "error"], final.Select(p => p.Key));
        Assert.Equal("error", (string?)final["payload"]!["status"]);
        Assert.Equal("UNAVAILABLE", (string?)final["error"]!["code"]);
        Assert.Equal((string?)final["error"]!["message"], (string?)final["payload"]!["summary"]);
    }

    [Fact]
    public async Task Sessions_send_needs_an_existing_session_then_starts_a_turn()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:send-" + Guid.NewGuid().ToString("N")[..8];
        var missing = await client.RequestAsync("sessions.send", new JsonObject { ["key"] = key, ["message"] = "hi", ["idempotencyKey"] = "s-missing" });
        Assert.False((bool)missing["ok"]!);
        Assert.Equal("INVALID_REQUEST", (string?)missing["error"]!["code"]);
        Assert.Equal($"session not found: {key}", (string?)missing["error"]!["message"]);

        await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = key });
        gateway.Model.Script.Then(FakeReply.Say("Sent."));
        var runId = "s-" + Guid.NewGuid().ToString("N")[..8];
        var started = await client.CallOkAsync("sessions.send", new JsonObject { ["key"] = key, ["message"] = "hi", ["idempotencyKey"] = runId });
        Assert.Equal(runId, (string?)started!["runId"]);
        Assert.Equal("started", (string?)started["status"]);
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");
    }

    [Fact]
    public async Task Sessions_abort_with_nothing_running_says_so()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var byKey = await client.CallOkAsync("sessions.abort", new JsonObject { ["key"] = "agent:main:idle" });
        Assert.Equal("""{"ok":true,"abortedRunId":null,"status":"no-active-run"}""", byKey!.ToJsonString());
        var byRun = await client.CallOkAsync("sessions.abort", new JsonObject { ["runId"] = "nope" });
        Assert.Equal("no-active-run", (string?)byRun!["status"]);
    }
}
