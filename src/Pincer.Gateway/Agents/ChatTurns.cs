using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Sessions.Write;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Lanes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The door every operator turn comes through (<c>chat.send</c>, <c>agent</c>, <c>sessions.send</c>): the message
/// becomes a run with the caller's idempotency key as its id and is offered to its session's lane, the same lane
/// a channel message for that session would use. Accepting never waits for the run.
/// </summary>
internal sealed class ChatTurns(LaneRegistry lanes, ChatRuns runs, SessionTargetResolver targets, ConfigState config, TimeProvider time)
{
    /// <summary>The surface operator turns arrive on, for per-channel queue settings.</summary>
    private const string Channel = "webchat";

    public JsonObject Send(GatewayConnection connection, JsonObject p)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(p);
        var key = JsText.TrimToNull(Str(p, "sessionKey")) ?? throw new RpcException(RpcError.InvalidRequest("sessionKey required"));
        var target = targets.Resolve(key, Str(p, "agentId"));
        var runId = (string)p["idempotencyKey"]!;
        var run = new ChatRun { RunId = runId, SessionKey = target.StoreKey, AgentId = target.AgentId, AcceptedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        var (registered, added) = runs.Register(run);
        if (!added)
        {
            return new JsonObject { ["runId"] = registered.RunId, ["status"] = "in_flight" };
        }

        var client = connection.Client;
        var input = new TurnInput(
            run,
            target.StoreKey,
            Str(p, "message") ?? "",
            runId,
            client?.Id ?? "unknown",
            client?.Mode ?? "unknown",
            OperatorScopes.AnySatisfied([OperatorScopes.Write, OperatorScopes.Admin], connection.Scopes),
            JsText.TrimToNull(Str(p, "thinking")));
        var settings = QueueSettingsResolver.Resolve(config.Current.Resolved, Channel, inline: Str(p, "queueMode") is { } mode ? new QueueOverrides(mode) : null);
        // The sender label is the client id, shown in a collected turn as "Queued #n (from cli)".
        var message = new LaneMessage(input.Message) { RunId = runId, RouteKey = Channel, SenderLabel = client?.Id, Payload = input };
        var result = lanes.Enqueue(target.StoreKey, message, settings);
        switch (result)
        {
            case LaneEnqueueResult.Closed:
                run.End(new ChatRunResult("error", null, time.GetUtcNow().ToUnixTimeMilliseconds(), "shutdown", "gateway is shutting down"));
                throw new RpcException(RpcError.Unavailable("gateway is shutting down"));
            case LaneEnqueueResult.QueueFull:
                run.End(new ChatRunResult("error", null, time.GetUtcNow().ToUnixTimeMilliseconds(), "queue_full", "session queue is full"));
                throw new RpcException(RpcError.Unavailable("session queue is full"));
        }

        return new JsonObject { ["runId"] = runId, ["status"] = "started" };
    }

    public JsonObject Abort(JsonObject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var target = targets.Resolve(JsText.TrimToNull(Str(p, "sessionKey")), Str(p, "agentId"));
        var runIds = new JsonArray();
        if (Str(p, "runId") is { } runId)
        {
            var aborted = runs.Find(runId) is { IsEnded: false } live && live.SessionKey == target.StoreKey && lanes.TryCancel(target.StoreKey, runId);
            if (aborted)
            {
                runIds.Add((JsonNode)runId);
            }

            return new JsonObject { ["ok"] = true, ["aborted"] = aborted, ["runIds"] = runIds };
        }

        var active = runs.Active(target.StoreKey);
        lanes.Abort(target.StoreKey);
        foreach (var run in active)
        {
            runIds.Add((JsonNode)run.RunId);
        }

        return new JsonObject { ["ok"] = true, ["aborted"] = active.Count > 0, ["runIds"] = runIds };
    }

    /// <summary><c>agent.wait</c>: the run's end, or <c>timeout</c> when it has not ended within the wait.</summary>
    public async Task<JsonObject> WaitAsync(JsonObject p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var runId = (string)p["runId"]!;
        var timeoutMs = p["timeoutMs"] is JsonValue t && t.TryGetValue<double>(out var ms) ? (long)ms : DefaultWaitMs;
        var run = runs.Find(runId);
        if (run is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
            try
            {
                var result = await run.Ended.WaitAsync(timeout.Token).ConfigureAwait(false);
                var answer = new JsonObject { ["runId"] = runId, ["status"] = result.Status, ["endedAt"] = result.EndedAtMs };
                if (result.Status == "ok")
                {
                    // A run that answered reports what it answered with, as its lifecycle end did.
                    answer["terminalReceipt"] = result.TerminalReceipt?.DeepClone();
                    answer["terminalReply"] = result.TerminalReply?.DeepClone();
                }
                else
                {
                    if (result.Error is { } error)
                    {
                        answer["error"] = error;
                    }

                    if (result.StopReason is { } stop)
                    {
                        answer["stopReason"] = stop;
                    }
                }

                return answer;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
        else if (timeoutMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(timeoutMs), time, cancellationToken).ConfigureAwait(false);
        }

        return new JsonObject { ["runId"] = runId, ["status"] = "timeout" };
    }

    /// <summary>The reference's default <c>agent.wait</c> budget.</summary>
    private const long DefaultWaitMs = 30_000;

    private static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
