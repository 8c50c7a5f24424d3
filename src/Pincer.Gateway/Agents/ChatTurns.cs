using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Events;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Write;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Lanes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The door every operator turn comes through (<c>chat.send</c>, <c>agent</c>, <c>sessions.send</c>): the message
/// becomes a run with the caller's idempotency key as its id and is offered to its session's lane, the same lane
/// a channel message for that session would use. Accepting never waits for the run.
/// </summary>
internal sealed class ChatTurns(LaneRegistry lanes, ChatRuns runs, SessionTargetResolver targets, AgentStores stores, ConfigState config, EventBroadcaster broadcaster, TimeProvider time)
{
    /// <summary>The surface operator turns arrive on, for per-channel queue settings.</summary>
    private const string Channel = "webchat";

    /// <summary><c>chat.send</c>: <c>{runId, status: started | in_flight}</c>.</summary>
    public JsonObject Send(GatewayConnection connection, JsonObject p, List<Action> afterResponse)
    {
        ArgumentNullException.ThrowIfNull(p);
        var key = JsText.TrimToNull(Str(p, "sessionKey")) ?? throw new RpcException(RpcError.InvalidRequest("sessionKey required"));
        var (run, added) = Accept(connection, targets.Resolve(key, Str(p, "agentId")), p, TurnOrigin.Operator, afterResponse);
        return new JsonObject { ["runId"] = run.RunId, ["status"] = added ? "started" : "in_flight" };
    }

    /// <summary><c>sessions.send</c>: <c>chat.send</c> into a session that must already exist.</summary>
    public async Task<JsonObject> SendToSessionAsync(GatewayConnection connection, JsonObject p, List<Action> afterResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var key = (string)p["key"]!;
        var target = targets.Resolve(key, Str(p, "agentId"));
        var store = await stores.GetAsync(target.AgentId).ConfigureAwait(false);
        if (await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RpcException(RpcError.InvalidRequest($"session not found: {key}"));
        }

        var (run, added) = Accept(connection, target, p, TurnOrigin.Operator, afterResponse);
        return new JsonObject { ["runId"] = run.RunId, ["status"] = added ? "started" : "in_flight" };
    }

    /// <summary>
    /// Accepts an <c>agent</c> run: into the named session, or — naming none — into a one-off
    /// <c>agent:&lt;id&gt;:explicit:&lt;runId&gt;</c> session of its own.
    /// </summary>
    public (ChatRun Run, bool Added, bool NamedSession) AcceptAgentRun(GatewayConnection connection, JsonObject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var key = JsText.TrimToNull(Str(p, "sessionKey"));
        var agentId = Str(p, "agentId");
        var target = key is null
            ? targets.Resolve($"agent:{targets.Resolve(null, agentId).AgentId}:explicit:{(string)p["idempotencyKey"]!}", agentId)
            : targets.Resolve(key, agentId);
        var (run, added) = Accept(connection, target, p, key is null ? TurnOrigin.Explicit : TurnOrigin.AgentRun, afterResponse: null);
        return (run, added, key is not null);
    }

    private (ChatRun Run, bool Added) Accept(GatewayConnection connection, SessionTarget target, JsonObject p, TurnOrigin origin, List<Action>? afterResponse)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var runId = (string)p["idempotencyKey"]!;
        var run = new ChatRun { RunId = runId, SessionKey = target.StoreKey, AgentId = target.AgentId, AcceptedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(), Origin = origin };
        var (registered, added) = runs.Register(run);
        if (!added)
        {
            return (registered, false);
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
        switch (lanes.Enqueue(target.StoreKey, message, settings))
        {
            case LaneEnqueueResult.Closed:
                run.End(new ChatRunResult("error", null, time.GetUtcNow().ToUnixTimeMilliseconds(), "shutdown", "gateway is shutting down"));
                throw new RpcException(RpcError.Unavailable("gateway is shutting down"));
            case LaneEnqueueResult.QueueFull:
                run.End(new ChatRunResult("error", null, time.GetUtcNow().ToUnixTimeMilliseconds(), "queue_full", "session queue is full"));
                throw new RpcException(RpcError.Unavailable("session queue is full"));
            case LaneEnqueueResult.Queued when afterResponse is not null:
                // The sender's run is over once its message waits in the queue, as on the reference: a bare final
                // after the answer, and agent.wait says ok. The lane later runs the message under a run of its own.
                afterResponse.Add(() => QueuedRunAcknowledgement.Acknowledge(broadcaster, time, run));
                break;
        }

        return (run, true);
    }



    public JsonObject Abort(JsonObject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var target = targets.Resolve(JsText.TrimToNull(Str(p, "sessionKey")), Str(p, "agentId"));
        var runIds = new JsonArray();
        if (Str(p, "runId") is { } runId)
        {
            // A queued message's run is already acknowledged (ended), yet its message can still be withdrawn.
            var aborted = runs.Find(runId) is { } known && known.SessionKey == target.StoreKey && lanes.TryCancel(target.StoreKey, runId);
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

    /// <summary>
    /// <c>sessions.abort</c>: stops the session's running turn (or the named run); with <c>clearQueued</c> its queued
    /// turns too. Answers once the stopped run has settled, as the reference does.
    /// </summary>
    public async Task<JsonObject> AbortSessionAsync(JsonObject p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        ChatRun? victim;
        if (Str(p, "runId") is { } runId)
        {
            victim = runs.Find(runId) is { IsEnded: false } live ? live : null;
        }
        else
        {
            var target = targets.Resolve(JsText.TrimToNull(Str(p, "key")), Str(p, "agentId"));
            var active = runs.Active(target.StoreKey);
            victim = active.FirstOrDefault(r => r.StartedAtMs is not null) ?? (active.Count > 0 ? active[0] : null);
            if (p["clearQueued"] is JsonValue clear && clear.TryGetValue<bool>(out var all) && all)
            {
                lanes.Abort(target.StoreKey);
            }
        }

        if (victim is null || !(victim.IsEnded || lanes.TryCancel(victim.SessionKey, victim.RunId)))
        {
            return new JsonObject { ["ok"] = true, ["abortedRunId"] = null, ["status"] = "no-active-run" };
        }

        try
        {
            await victim.Ended.WaitAsync(AbortSettleWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Answer anyway: the abort was signalled; a run that ignores it for this long is reported by its own end.
        }

        return new JsonObject { ["ok"] = true, ["abortedRunId"] = victim.RunId, ["status"] = "aborted" };
    }

    /// <summary>How long <c>sessions.abort</c> waits for the stopped run to settle before answering.</summary>
    private static readonly TimeSpan AbortSettleWait = TimeSpan.FromSeconds(10);

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
                var answer = new JsonObject { ["runId"] = runId, ["status"] = result.Status };
                var agentRun = run.Origin != TurnOrigin.Operator;
                if (((agentRun && result.Status == "ok") || result.Interrupted) && result.StartedAtMs is { } started)
                {
                    answer["startedAt"] = started;
                }

                answer["endedAt"] = result.EndedAtMs;
                if (result.Status == "ok")
                {
                    if (agentRun)
                    {
                        // The agent path reports how the run stopped and that it was working when it did.
                        answer["stopReason"] = result.StopReason;
                        answer["livenessState"] = "working";
                    }

                    // A run that answered reports what it answered with, as its lifecycle end did (a queued
                    // message's acknowledged run answered nothing itself).
                    if (result.TerminalReceipt is { } receipt)
                    {
                        answer["terminalReceipt"] = receipt.DeepClone();
                    }

                    if (result.TerminalReply is { } reply)
                    {
                        answer["terminalReply"] = reply.DeepClone();
                    }
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
