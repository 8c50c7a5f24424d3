using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>
/// The failure paths of a turn against the fake provider: a transient failure retried on the same model, and an
/// abort mid-stream, with the events and transcript the reference produces for them.
/// </summary>
public sealed class FailoverTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task A_server_error_is_retried_on_the_same_model_and_leaves_no_failed_reply()
    {
        gateway.Model.Script.Then(FakeReply.Fail(FakeErrorKind.ServerError)).Then(FakeReply.Say("Second time lucky.", chunks: 2));
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:retry-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];
        var before = gateway.Model.Generations().Count;

        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "hello?", ["idempotencyKey"] = runId });
        var final = await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");

        Assert.Equal("Second time lucky.", (string?)final["payload"]!["message"]!["content"]![0]!["text"]);
        Assert.Equal(2, gateway.Model.Generations().Count - before);
        var run = client.Events.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]?["runId"] == runId).Select(e => e["payload"]!).ToList();
        var failed = run.Single(p => (string?)p["data"]!["phase"] == "finishing" && p["data"]!["error"] is not null)["data"]!;
        Assert.Equal("blocked", (string?)failed["livenessState"]);
        Assert.Equal("server_error", (string?)failed["errorObservation"]!["failoverReason"]);
        var retrying = run.Single(p => (string?)p["data"]!["phase"] == "retrying")["data"]!;
        Assert.Equal((1, 8, 2, 9, "server_error"), ((int)retrying["retryAttempt"]!, (int)retrying["maxRetries"]!, (int)retrying["attempt"]!, (int)retrying["maxAttempts"]!, (string?)retrying["reason"]));
        Assert.InRange((long)retrying["delayMs"]!, 500, 1500);
        Assert.Contains(run, p => (string?)p["stream"] == "assistant" && (bool?)p["data"]!["replace"] == true);
        var lifecycle = run.Where(p => (string?)p["stream"] == "lifecycle").Select(p => (string?)p["data"]!["phase"]).ToList();
        Assert.Equal(["start", "model", "finishing", "start", "model", "finishing", "model", "end"], lifecycle);

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        Assert.Equal(["user", "assistant"], history!["messages"]!.AsArray().Select(m => (string?)m!["role"]));
    }

    [Fact]
    public async Task An_abort_mid_stream_keeps_the_partial_text_as_a_gateway_message_and_ends_the_stream_as_cancelled()
    {
        gateway.Model.Script.Then(new FakeReply { Text = "one two three four", Chunks = 4, StallAfterChunks = 2 });
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:abort-" + Guid.NewGuid().ToString("N")[..8];
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "count", ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "delta");
        await Task.Delay(300);

        await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = runId });
        await client.WaitForEventAsync("agent", p => (string?)p!["runId"] == runId && (string?)p["data"]?["phase"] == "error");

        var run = client.Events.Where(e => (string?)e["payload"]?["runId"] == runId).ToList();
        var aborted = run.Single(e => (string?)e["event"] == "chat" && (string?)e["payload"]!["state"] == "aborted")["payload"]!;
        var partial = (string?)aborted["message"]!["content"]![0]!["text"];
        Assert.False(string.IsNullOrWhiteSpace(partial));
        Assert.StartsWith(partial!, "one two three four", StringComparison.Ordinal);
        var lifecycle = run.Where(e => (string?)e["event"] == "agent" && (string?)e["payload"]!["stream"] == "lifecycle").Select(e => e["payload"]!["data"]!).ToList();
        Assert.Equal(["start", "model", "end", "model", "model", "error"], lifecycle.Select(d => (string?)d["phase"]));
        Assert.Equal("cancelled", (string?)lifecycle[2]["status"]);
        Assert.Equal("This operation was aborted", (string?)lifecycle[^1]["error"]);

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var kept = history!["messages"]!.AsArray()[^1]!;
        Assert.Equal(("openclaw", "gateway-injected", "stop"), ((string?)kept["provider"], (string?)kept["model"], (string?)kept["stopReason"]));
        Assert.Equal(partial, (string?)kept["content"]![0]!["text"]);
        Assert.Equal(runId + ":assistant", (string?)kept["idempotencyKey"]);
        Assert.Equal(runId, (string?)kept["openclawAbort"]!["runId"]);
        Assert.Equal("rpc", (string?)kept["openclawAbort"]!["origin"]);

        // The kept partial is for people reading the history; the next turn does not replay it to the model.
        gateway.Model.Script.Then(FakeReply.Say("Again."));
        var next = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "again", ["idempotencyKey"] = next });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == next && (string?)p["state"] == "final");
        var request = gateway.Model.Requests[^1];
        Assert.DoesNotContain(request.Json!["messages"]!.AsArray(), m => (string?)m!["role"] == "assistant");
        Assert.DoesNotContain(partial!, request.Body, StringComparison.Ordinal);
    }
}
