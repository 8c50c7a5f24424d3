using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>
/// <c>chat.send</c> end to end: the real gateway, a real socket, and the fake OpenAI-compatible provider on
/// loopback; the event sequence and transcript the reference produces for the same turn.
/// </summary>
public sealed class ChatSendTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task A_turn_streams_agent_and_chat_events_then_the_final_reply()
    {
        gateway.Model.Script.Then(FakeReply.Say("Crabs live in the sea.", chunks: 3));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:turn-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];

        var accepted = await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "Where do crabs live?", ["idempotencyKey"] = runId });
        Assert.Equal(runId, (string?)accepted!["runId"]);
        Assert.Equal("started", (string?)accepted["status"]);

        var final = await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");
        var message = final["payload"]!["message"]!;
        Assert.Equal("assistant", (string?)message["role"]);
        Assert.Equal("Crabs live in the sea.", (string?)message["content"]![0]!["text"]);
        Assert.Equal("stop", (string?)final["payload"]!["stopReason"]);

        var run = client.Events.Where(e => (string?)e["payload"]?["runId"] == runId).ToList();
        var statuses = run.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["stream"] == "run_status")
            .Select(e => (string?)e["payload"]!["data"]!["phase"]).ToList();
        Assert.Equal(["preparing_workspace", "preparing_context", "starting_model"], statuses);
        var lifecycle = run.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["stream"] == "lifecycle")
            .Select(e => (string?)e["payload"]!["data"]!["phase"]).ToList();
        Assert.Equal(["start", "model", "finishing", "model", "end"], lifecycle);
        var end = run.Last(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["data"]?["phase"] == "end")["payload"]!["data"]!;
        Assert.Equal("Crabs live in the sea.", (string?)end["terminalReply"]!["text"]);
        Assert.Equal("fake", (string?)end["terminalReceipt"]!["effective"]!["provider"]);

        var assistant = run.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["stream"] == "assistant").ToList();
        Assert.Equal("Crabs live in the sea.", (string?)assistant[^1]["payload"]!["data"]!["text"]);
        var agentSeqs = run.Where(e => (string?)e["event"] == "agent").Select(e => (int)e["payload"]!["seq"]!).ToList();
        // Strictly increasing from 1; coalesced assistant text may leave a seq unseen, as on the reference.
        Assert.Equal(1, agentSeqs[0]);
        Assert.True(agentSeqs.Zip(agentSeqs.Skip(1)).All(p => p.Second > p.First));

        var waited = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = runId, ["timeoutMs"] = 5000 });
        Assert.Equal("ok", (string?)waited!["status"]);

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var roles = history!["messages"]!.AsArray().Select(m => (string?)m!["role"]).ToList();
        Assert.Equal(["user", "assistant"], roles);
    }

    [Fact]
    public async Task The_provider_gets_the_envelope_and_the_second_turn_replays_the_first()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:replay-" + Guid.NewGuid().ToString("N")[..8];
        gateway.Model.Script.Then(FakeReply.Say("First answer."));
        await RunTurnAsync(client, key, "first question");
        var before = gateway.Model.Generations().Count;
        gateway.Model.Script.Then(FakeReply.Say("Second answer."));
        await RunTurnAsync(client, key, "second question");

        var body = gateway.Model.Generations()[before].Json!;
        Assert.Equal("fake-model", (string?)body["model"]);
        Assert.True((bool)body["stream"]!);
        Assert.True((bool)body["stream_options"]!["include_usage"]!);
        Assert.Equal(4096, (int)body["max_completion_tokens"]!);
        var messages = body["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        var rest = messages.Skip(1).Select(m => (string?)m!["role"]).ToList();
        Assert.Equal(["user", "assistant", "user"], rest.Take(3));
        Assert.Contains("first question", (string?)messages[1]!["content"], StringComparison.Ordinal);
        Assert.Contains("Runtime:", (string?)messages[1]!["content"], StringComparison.Ordinal);
        Assert.Equal("First answer.", (string?)messages[2]!["content"]);
        var latest = (string?)messages[3]!["content"];
        Assert.Matches(@"^\[\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} [A-Z]+\] second question$", latest);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_while_running_is_in_flight_and_abort_stops_the_stream()
    {
        gateway.Model.Script.Then(new FakeReply { Text = "one two three four", Chunks = 4, StallAfterChunks = 1 });
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:abort-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];
        var send = new JsonObject { ["sessionKey"] = key, ["message"] = "talk slowly", ["idempotencyKey"] = runId };
        await client.CallOkAsync("chat.send", send.DeepClone());
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "delta");

        var again = await client.CallOkAsync("chat.send", send.DeepClone());
        Assert.Equal("in_flight", (string?)again!["status"]);

        var abort = await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = runId });
        Assert.True((bool)abort!["aborted"]!);
        Assert.Equal(runId, (string?)abort["runIds"]![0]);
        var aborted = await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "aborted");
        Assert.Equal("main", (string?)aborted["payload"]!["agentId"]);
        var waited = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = runId, ["timeoutMs"] = 5000 });
        Assert.Equal("error", (string?)waited!["status"]);
        Assert.Equal("aborted", (string?)waited["error"]);
        Assert.Equal("rpc", (string?)waited["stopReason"]);

        var second = await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = runId });
        Assert.False((bool)second!["aborted"]!);
        Assert.Empty(second["runIds"]!.AsArray());
    }

    [Fact]
    public async Task Messages_collected_behind_a_running_turn_all_end_and_name_their_sender()
    {
        gateway.Model.Script.Then(new FakeReply { Text = "one two three four", Chunks = 4, StallAfterChunks = 1 });
        gateway.Model.Script.Then(FakeReply.Say("Collected answer."));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:collect-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 3).Select(i => $"idem-{i}-" + Guid.NewGuid().ToString("N")[..8]).ToList();
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "first", ["idempotencyKey"] = ids[0] });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == ids[0] && (string?)p["state"] == "delta");
        var before = gateway.Model.Generations().Count;
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "second", ["idempotencyKey"] = ids[1], ["queueMode"] = "collect" });
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "third", ["idempotencyKey"] = ids[2], ["queueMode"] = "collect" });
        await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = ids[0] });

        // Each queued message's own run ends as it is queued (a bare final; agent.wait says ok with nothing answered),
        // and the collected turn runs under a run id of its own.
        var acknowledged = await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == ids[2] && (string?)p["state"] == "final");
        Assert.Null(acknowledged["payload"]!["message"]);
        var folded = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = ids[1], ["timeoutMs"] = 5000 });
        Assert.Equal("ok", (string?)folded!["status"]);
        Assert.Null(folded["terminalReply"]);
        var dispatched = await client.WaitForEventAsync("chat", p => (string?)p!["state"] == "final" && (string?)p["message"]?["text"] == "Collected answer.");
        var dispatchedRun = (string?)dispatched["payload"]!["runId"];
        Assert.True(Guid.TryParse(dispatchedRun, out _));
        var start = client.Events.First(e => (string?)e["payload"]?["runId"] == dispatchedRun && (string?)e["payload"]!["data"]?["phase"] == "start");
        Assert.Equal("reply-dispatch", (string?)start["payload"]!["data"]!["completionSource"]);
        Assert.DoesNotContain(client.Events, e => (string?)e["event"] == "chat" && (string?)e["payload"]!["runId"] == dispatchedRun && (string?)e["payload"]!["state"] == "status");
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var user = history!["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!;
        Assert.StartsWith("followup-collect:", (string?)user["idempotencyKey"], StringComparison.Ordinal);
        var messages = gateway.Model.Generations()[before].Json!["messages"]!.AsArray();
        var collected = messages.Select(m => m!["content"]).OfType<JsonValue>().Select(v => (string?)v).Last(t => t!.Contains("Queued #", StringComparison.Ordinal));
        Assert.Contains("Queued #1 (from cli)\nsecond", collected, StringComparison.Ordinal);
        Assert.Contains("Queued #2 (from cli)\nthird", collected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_steered_message_feeds_the_running_turn_which_answers_it_too()
    {
        gateway.Model.Script.Then(FakeReply.Say("Crabs live in the sea.", chunks: 3) with { ChunkDelayMs = 300 });
        gateway.Model.Script.Then(FakeReply.Say("Hermit crabs borrow shells."));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:steer-" + Guid.NewGuid().ToString("N")[..8];
        var first = "idem-s1-" + Guid.NewGuid().ToString("N")[..8];
        var second = "idem-s2-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "Where do crabs live?", ["idempotencyKey"] = first });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == first && (string?)p["state"] == "delta");
        var before = gateway.Model.Generations().Count;
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "And hermit crabs?", ["idempotencyKey"] = second, ["queueMode"] = "steer" });

        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == first && (string?)p["state"] == "final");
        var steered = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = second, ["timeoutMs"] = 5000 });
        Assert.Equal("ok", (string?)steered!["status"]);
        var answered = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = first, ["timeoutMs"] = 5000 });
        Assert.Equal("Hermit crabs borrow shells.", (string?)answered!["terminalReply"]!["text"]);

        // The second call continues the same conversation: the first reply, then the steered prompt last.
        var messages = gateway.Model.Generations()[before].Json!["messages"]!.AsArray();
        Assert.Equal("assistant", (string?)messages[^3]!["role"]);
        Assert.Equal("user", (string?)messages[^1]!["role"]);
        Assert.Contains("And hermit crabs?", messages[^1]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var entries = history!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], entries.Select(m => (string?)m!["role"]));
        Assert.Equal(first, (string?)entries[2]!["__openclaw"]!["steerTargetRunId"]);
        Assert.Equal(first, (string?)entries[3]!["__openclaw"]!["runId"]);
    }

    [Fact]
    public async Task Chat_send_without_a_session_key_is_an_invalid_request()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var res = await client.RequestAsync("chat.send", new JsonObject { ["message"] = "hi", ["idempotencyKey"] = "k1" });
        Assert.False((bool)res["ok"]!);
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
    }

    [Fact]
    public async Task Live_text_holds_back_trailing_whitespace_and_every_delta_adds_up_to_the_reply()
    {
        // Three chunks, the second ending in a space; spaced out so each one reaches the pacing timer.
        gateway.Model.Script.Then(FakeReply.Say("Crabs live in the sea.", chunks: 3) with { ChunkDelayMs = 150 });
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:live-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];

        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "Where?", ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");

        var run = client.Events.Where(e => (string?)e["payload"]?["runId"] == runId).ToList();
        var assistant = run.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["stream"] == "assistant")
            .Select(e => e["payload"]!["data"]!).ToList();
        Assert.All(assistant, d => Assert.Equal(((string?)d["text"])!.TrimEnd(), (string?)d["text"]));
        Assert.Equal("Crabs live in the sea.", string.Concat(assistant.Select(d => (string?)d["delta"])));
        var chat = run.Where(e => (string?)e["event"] == "chat" && (string?)e["payload"]!["state"] == "delta").Select(e => (string?)e["payload"]!["deltaText"]);
        Assert.Equal("Crabs live in the sea.", string.Concat(chat));
    }

    private static async Task RunTurnAsync(WsTestClient client, string key, string text)
    {
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = text, ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");
    }
}
