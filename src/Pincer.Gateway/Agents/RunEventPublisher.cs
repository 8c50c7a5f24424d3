using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Agents.Runs.Events;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Events;

namespace Pincer.Gateway.Agents;

/// <summary>
/// One run's <c>agent</c> and <c>chat</c> event streams, as the reference sends them to every operator with read
/// access: each <c>agent</c> event takes the run's next <c>seq</c>; a <c>chat</c> event mirrors the agent event
/// it was derived from and carries that event's seq. Live text is paced as the reference paces it: the first
/// assistant event and chat delta go out at once; later text is held until <see cref="PacingMs"/> after the last
/// assistant event sent. The pacing timer sends the held assistant event and its chat delta together; any other
/// agent event sends the held assistant event first but leaves the chat text for the next timer or the end flush.
/// </summary>
internal sealed partial class RunEventPublisher : IRunEventSink, IDisposable
{
    /// <summary>The reference's live-text pacing between chat deltas.</summary>
    public const int PacingMs = 75;

    private static readonly string[] ReadScope = [OperatorScopes.Read];
    private readonly EventBroadcaster _broadcaster;
    private readonly TimeProvider _time;
    private readonly ChatRun _run;
    private readonly Lock _gate = new();
    private readonly Action<TranscriptAppended>? _onAppended;
    private long _seq;
    private FallbackStepped? _fallback;

    public RunEventPublisher(EventBroadcaster broadcaster, TimeProvider time, ChatRun run, Action<TranscriptAppended>? onAppended = null)
    {
        _broadcaster = broadcaster;
        _time = time;
        _run = run;
        _onAppended = onAppended;
    }

    /// <summary>The session id the run writes to; lifecycle events name it once it is known.</summary>
    public string? SessionId { get; set; }

    public void Emit(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (runEvent is not AssistantTextDelta and not TranscriptAppended)
        {
            FlushHeld(withChat: false);
        }

        switch (runEvent)
        {
            case RunStatusChanged status:
                Status(status.Phase, status.AtMs);
                break;
            case RunStarted started:
                Lifecycle(new JsonObject { ["phase"] = "start", ["startedAt"] = started.AtMs }, started.AtMs);
                break;
            case ModelSelected model:
                Lifecycle(new JsonObject { ["phase"] = "model", ["provider"] = model.Provider, ["model"] = model.Model }, model.AtMs);
                break;
            case AssistantTextDelta delta:
                Assistant(delta);
                break;
            case UsageReported usage:
                Agent(Payload(stream: "usage", sessionKeyFirst: true, data: new JsonObject { ["outputTokens"] = usage.Usage.Output }, usage.AtMs));
                break;
            case ToolCallStarted tool:
                Agent(Payload("tool", sessionKeyFirst: false, new JsonObject
                {
                    ["phase"] = "start", ["name"] = tool.Name, ["toolCallId"] = tool.CallId, ["args"] = tool.Arguments.DeepClone(),
                }, tool.AtMs));
                break;
            case ToolCallEnded tool:
                Agent(Payload("tool", sessionKeyFirst: false, new JsonObject
                {
                    ["phase"] = "result", ["name"] = tool.Name, ["toolCallId"] = tool.CallId, ["isError"] = tool.IsError, ["result"] = tool.Result,
                }, tool.AtMs));
                break;
            case AttemptFailed failed:
                Lifecycle(new JsonObject
                {
                    ["phase"] = "finishing", ["error"] = failed.Error,
                    ["errorObservation"] = new JsonObject
                    {
                        ["provider"] = failed.Provider, ["model"] = failed.Model, ["failoverReason"] = failed.FailoverReason,
                        ["providerRuntimeFailureKind"] = failed.RuntimeFailureKind,
                    },
                    ["aborted"] = false, ["livenessState"] = "blocked", ["endedAt"] = failed.AtMs,
                }, failed.AtMs);
                break;
            case FallbackStepped step:
                LaneReleased();
                _fallback = step;
                FallbackStep(step, step.ChainPosition, "next_fallback");
                break;
            case AttemptRetrying retrying:
                Retrying(retrying);
                break;
            case AttemptRestarted restarted:
                Restarted(restarted);
                break;
            case RunFinishing { Aborted: true }:
                // A stopped run has no finishing phase: the abort's own marks end its stream (see Aborted).
                break;
            case RunFinishing finishing:
                Lifecycle(new JsonObject
                {
                    ["phase"] = "finishing", ["stopReason"] = finishing.StopReason, ["aborted"] = finishing.Aborted,
                    ["livenessState"] = "working", ["endedAt"] = finishing.AtMs,
                }, finishing.AtMs);
                break;
            case TranscriptAppended appended:
                _onAppended?.Invoke(appended);
                break;
        }
    }

    /// <summary>A coarse phase, as both a <c>chat</c> status and an <c>agent</c> run_status event.</summary>
    public void Status(string phase, long atMs)
    {
        if (_run.Origin != TurnOrigin.Operator)
        {
            // The agent path reports no preparation phases: its stream starts at lifecycle start.
            return;
        }

        var seq = NextSeq();
        if (!_run.ReplyDispatch)
        {
            Chat(new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "status", ["phase"] = phase,
            });
        }
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["stream"] = "run_status", ["data"] = new JsonObject { ["phase"] = phase },
            ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = atMs, ["isHeartbeat"] = false,
        });
    }

    /// <summary>
    /// A same-model retry is scheduled: the chat surface goes back to <c>starting_model</c> (naming the attempt for
    /// rate limits), and the agent stream carries the retry's facts under the same seq.
    /// </summary>
    private void Retrying(AttemptRetrying retrying)
    {
        var seq = NextSeq();
        var rateLimit = retrying.Reason == "rate_limit";
        if (_run.Origin == TurnOrigin.Operator && !_run.ReplyDispatch)
        {
            var status = new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "status", ["phase"] = "starting_model",
            };
            if (rateLimit)
            {
                status["retry"] = new JsonObject { ["attempt"] = retrying.RetryAttempt + 1, ["maxAttempts"] = retrying.MaxRetries + 1, ["reason"] = retrying.Reason };
            }

            Chat(status);
        }

        var seconds = (long)Math.Ceiling(retrying.DelayMs / 1000d);
        var message = rateLimit
            ? $"Retrying… {retrying.RetryAttempt + 1}/{retrying.MaxRetries + 1}"
            : $"The provider is unavailable for now; retry {retrying.RetryAttempt} of {retrying.MaxRetries} in {seconds}s.";
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["stream"] = "run_status",
            ["data"] = new JsonObject
            {
                ["phase"] = "retrying", ["message"] = message, ["retryAttempt"] = retrying.RetryAttempt, ["maxRetries"] = retrying.MaxRetries,
                ["delayMs"] = retrying.DelayMs, ["attempt"] = retrying.RetryAttempt + 1, ["maxAttempts"] = retrying.MaxRetries + 1, ["reason"] = retrying.Reason,
            },
            ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = retrying.AtMs, ["isHeartbeat"] = false,
        });
    }

    /// <summary>The failed attempt's text is void: an empty replacing assistant event, and the live text starts over.</summary>
    private void Restarted(AttemptRestarted restarted)
    {
        ResetLiveText();
        Agent(new JsonObject
        {
            ["runId"] = _run.RunId, ["stream"] = "assistant",
            ["data"] = new JsonObject { ["itemId"] = restarted.ItemId, ["text"] = "", ["delta"] = "", ["replace"] = true },
            ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = NextSeq(), ["ts"] = restarted.AtMs, ["isHeartbeat"] = false,
        });
    }

    /// <summary>The end of a run that produced a reply (or failed): lane release, lifecycle end, last delta, final.</summary>
    /// <returns>The lifecycle end's terminal receipt and reply, which <c>agent.wait</c> repeats.</returns>
    /// <param name="interruptedBy">For a run an interrupt-mode message replaced: the error its end reports.</param>
    public (JsonObject Receipt, JsonObject Reply) Ended(RunOutcome outcome, long startedAtMs, long endedAtMs, string? interruptedBy = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        FlushHeld(withChat: false);
        if (outcome.Aborted)
        {
            return interruptedBy is null ? Aborted(outcome, startedAtMs) : Interrupted(outcome, startedAtMs, interruptedBy);
        }

        LaneReleased();
        if (_fallback is { } step && outcome.Error is null)
        {
            // The chain settled on the fallback: the closing step, one position further.
            FallbackStep(step, step.ChainPosition + 1, "succeeded");
        }

        var (reply, receipt) = Terminal(outcome);
        var data = new JsonObject
        {
            ["stopReason"] = outcome.StopReason, ["aborted"] = outcome.Aborted, ["livenessState"] = "working", ["phase"] = "end",
            ["endedAt"] = endedAtMs, ["startedAt"] = startedAtMs, ["replayInvalid"] = false,
            ["terminalReply"] = reply.DeepClone(),
            ["terminalReceipt"] = receipt.DeepClone(),
            ["executionSettled"] = true,
        };
        if (outcome.Error is { } error)
        {
            data["error"] = error.Message;
        }

        Dispatched(data);

        var seq = NextSeq();
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["stream"] = "lifecycle", ["data"] = data,
            ["sessionId"] = SessionId, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = endedAtMs, ["isHeartbeat"] = false,
        });
        if (_run.ReplyDispatch)
        {
            // The dispatcher does not flush live text at the end: a chat delta still held goes out only when its
            // pacing window had already passed (the reference's timer fires right after the end, under the seq of
            // the text it holds); otherwise the final alone carries the rest.
            SendHeldDeltaIfDue();
            DispatchedFinal(outcome);
            return (receipt, reply);
        }

        FlushDelta(seq);
        if (outcome.Error is { } failure)
        {
            Chat(new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "error",
                ["errorMessage"] = failure.Message,
            });
            return (receipt, reply);
        }

        var final = new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "final",
            ["stopReason"] = outcome.StopReason,
        };
        if (outcome.FinalText.Length > 0)
        {
            // The final shows the run's whole reply: replies before steered input, a blank line apart, then the last.
            final["message"] = TextMessage(WholeReply(outcome.FinalText));
        }

        Chat(final);
        return (receipt, reply);
    }

    /// <summary>The error a stopped run's lifecycle reports: the runtime's abort message, which the reference passes on.</summary>
    public const string AbortedOperation = "This operation was aborted";

    /// <summary>
    /// The end of a run stopped mid-turn, in the reference's order: the abort's own marks first (the partial reply
    /// as chat <c>aborted</c>, lifecycle end <c>cancelled</c>), then what the stopped run reports as it unwinds: its
    /// model again, the lane release, and a lifecycle <c>error</c> naming the aborted operation.
    /// </summary>
    private (JsonObject Receipt, JsonObject Reply) Aborted(RunOutcome outcome, long startedAtMs)
    {
        ChatAborted(_run.AbortReason);
        var abortedAt = Now();
        Lifecycle(new JsonObject
        {
            ["phase"] = "end", ["status"] = "cancelled", ["aborted"] = true, ["stopReason"] = _run.AbortReason, ["startedAt"] = startedAtMs, ["endedAt"] = abortedAt,
        }, abortedAt);
        Lifecycle(new JsonObject { ["phase"] = "model", ["provider"] = outcome.Provider, ["model"] = outcome.Model }, Now());
        LaneReleased();
        SettledError(startedAtMs, AbortedOperation);
        var (reply, receipt) = Terminal(outcome);
        return (receipt, reply);
    }

    /// <summary>
    /// The end of a run a newer interrupt-mode message replaced, in the reference's order: the stopped run's model,
    /// the lane release, a lifecycle <c>error</c> naming the interruption, and only then the partial reply as chat
    /// <c>aborted</c>, under the error's seq.
    /// </summary>
    private (JsonObject Receipt, JsonObject Reply) Interrupted(RunOutcome outcome, long startedAtMs, string error)
    {
        Lifecycle(new JsonObject { ["phase"] = "model", ["provider"] = outcome.Provider, ["model"] = outcome.Model }, Now());
        LaneReleased();
        var seq = SettledError(startedAtMs, error);
        ChatAborted(StopReasons.Aborted, seq);
        var (reply, receipt) = Terminal(outcome);
        return (receipt, reply);
    }

    /// <summary>A stopped run's last lifecycle mark, once it has unwound: <c>error</c>, aborted, settled.</summary>
    /// <returns>The mark's seq.</returns>
    private long SettledError(long startedAtMs, string error)
    {
        var settledAt = Now();
        var seq = NextSeq();
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["stream"] = "lifecycle",
            ["data"] = new JsonObject
            {
                ["phase"] = "error", ["endedAt"] = settledAt, ["startedAt"] = startedAtMs, ["error"] = error, ["aborted"] = true,
                ["stopReason"] = StopReasons.Aborted, ["executionSettled"] = true,
            },
            ["sessionId"] = SessionId, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = settledAt, ["isHeartbeat"] = false,
        });
        return seq;
    }

    private void FallbackStep(FallbackStepped step, int position, string outcome) => Broadcast("agent", new JsonObject
    {
        ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["stream"] = "lifecycle",
        ["data"] = new JsonObject
        {
            ["phase"] = "fallback_step", ["fallbackStepType"] = "fallback_step", ["fallbackStepFromModel"] = step.FromModel,
            ["fallbackStepToModel"] = step.ToModel, ["fallbackStepFromFailureReason"] = step.FailureReason,
            ["fallbackStepFromFailureDetail"] = step.FailureDetail, ["fallbackStepChainPosition"] = position, ["fallbackStepFinalOutcome"] = outcome,
        },
        ["sessionId"] = SessionId, ["agentId"] = _run.AgentId, ["seq"] = NextSeq(), ["ts"] = Now(), ["isHeartbeat"] = false,
    });

    /// <summary>The session lane is free again: a lifecycle <c>model</c> mark with no model, on the main lane.</summary>
    private void LaneReleased() => Broadcast("agent", new JsonObject
    {
        ["runId"] = _run.RunId, ["agentId"] = _run.AgentId, ["sessionId"] = SessionId, ["sessionKey"] = _run.SessionKey, ["lane"] = "main",
        ["stream"] = "lifecycle", ["data"] = Dispatched(new JsonObject { ["phase"] = "model", ["provider"] = null, ["model"] = null }),
        ["seq"] = NextSeq(), ["ts"] = Now(), ["isHeartbeat"] = false,
    });

    /// <summary>The terminal reply and receipt a run's end carries (and <c>agent.wait</c> repeats).</summary>
    private (JsonObject Reply, JsonObject Receipt) Terminal(RunOutcome outcome)
    {
        var disposition = outcome.FinalText.Length > 0 ? "visible" : "none";
        var reply = new JsonObject { ["disposition"] = disposition, ["text"] = outcome.FinalText };
        var rerouted = outcome.Provider != _run.RequestedProvider || outcome.Model != _run.RequestedModel;
        if (rerouted && outcome.Error is null && !outcome.Aborted)
        {
            reply["modelRouteChange"] = $"Answered by {outcome.Provider}/{outcome.Model} instead of {_run.RequestedProvider}/{_run.RequestedModel}.";
        }
        var receipt = new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionId"] = SessionId, ["turnId"] = _run.RunId,
            ["requested"] = new JsonObject { ["provider"] = _run.RequestedProvider, ["model"] = _run.RequestedModel },
            ["effective"] = new JsonObject { ["provider"] = outcome.Provider, ["model"] = outcome.Model, ["responseModel"] = outcome.ResponseModel ?? outcome.Model },
            ["successfulToolNames"] = new JsonArray([.. outcome.SuccessfulToolNames.Select(n => (JsonNode)n)]),
            ["rerouted"] = rerouted,
            ["terminalDisposition"] = disposition,
        };
        return (reply, receipt);
    }

    /// <summary>
    /// A message queued behind the running turn (or folded into a collected one): its run is over as far as its
    /// sender is concerned, announced as a bare chat <c>final</c> with the run's first seq, as the reference
    /// acknowledges it.
    /// </summary>
    public void Folded() => Chat(new JsonObject
    {
        ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["seq"] = NextSeq(), ["state"] = "final",
    });

    /// <summary>A run stopped by <c>chat.abort</c>/<c>/stop</c> before it produced a reply.</summary>
    public void Cancelled(string stopReason, long endedAtMs)
    {
        ChatAborted(stopReason);
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["sessionId"] = SessionId, ["agentId"] = _run.AgentId, ["stream"] = "lifecycle",
            ["data"] = new JsonObject { ["phase"] = "end", ["status"] = "cancelled", ["aborted"] = true, ["stopReason"] = stopReason, ["endedAt"] = endedAtMs },
            ["seq"] = NextSeq(), ["ts"] = endedAtMs,
        });
    }

    /// <summary>
    /// What an operator sees the moment a run is stopped: the text streamed so far (when any) as the partial reply;
    /// nothing more of the run's live text follows. It takes the seq after the run's last agent event, as the
    /// reference's abort does, without consuming it.
    /// </summary>
    private void ChatAborted(string stopReason, long? seq = null)
    {
        var partial = TakeUnsentChatText();

        var payload = new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq ?? Interlocked.Read(ref _seq) + 1, ["state"] = "aborted",
            ["stopReason"] = stopReason,
        };
        if (partial.Trim().Length > 0)
        {
            payload["message"] = TextMessage(partial);
        }

        Chat(payload);
    }

    public void Dispose() => CancelFlush();

    private void Lifecycle(JsonObject data, long atMs) => Agent(new JsonObject
    {
        ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["sessionId"] = SessionId, ["agentId"] = _run.AgentId,
        ["stream"] = "lifecycle", ["data"] = Dispatched(data), ["seq"] = NextSeq(), ["ts"] = atMs, ["isHeartbeat"] = false,
    });

    /// <summary>A reply-dispatch run's lifecycle marks name the dispatcher as what completes the run.</summary>
    private JsonObject Dispatched(JsonObject data)
    {
        if (_run.ReplyDispatch)
        {
            data["completionSource"] = "reply-dispatch";
        }

        return data;
    }

    /// <summary>
    /// A reply-dispatch run's final: a seq of its own after the end, the whole reply as the dispatcher delivered it
    /// (no last delta first), or the failure as an error.
    /// </summary>
    private void DispatchedFinal(RunOutcome outcome)
    {
        var seq = NextSeq();
        if (outcome.Error is { } failure)
        {
            Chat(new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["seq"] = seq, ["state"] = "error", ["errorMessage"] = failure.Message,
            });
            return;
        }

        var final = new JsonObject { ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["seq"] = seq, ["state"] = "final" };
        if (outcome.FinalText.Length > 0)
        {
            final["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = outcome.FinalText }),
                ["text"] = outcome.FinalText,
                ["timestamp"] = Now(),
                ["stopReason"] = outcome.StopReason,
                // The dispatcher's delivery record counts no tokens of its own.
                ["usage"] = new JsonObject { ["input"] = 0, ["output"] = 0, ["totalTokens"] = 0 },
            };
        }

        final["stopReason"] = outcome.StopReason;
        Chat(final);
    }

    private JsonObject Payload(string stream, bool sessionKeyFirst, JsonObject data, long atMs)
    {
        var payload = new JsonObject { ["runId"] = _run.RunId };
        if (sessionKeyFirst)
        {
            payload["sessionKey"] = _run.SessionKey;
        }

        payload["stream"] = stream;
        payload["data"] = data;
        if (!sessionKeyFirst)
        {
            payload["sessionKey"] = _run.SessionKey;
        }

        payload["agentId"] = _run.AgentId;
        payload["seq"] = NextSeq();
        payload["ts"] = atMs;
        payload["isHeartbeat"] = false;
        return payload;
    }

    private void Agent(JsonObject payload) => Broadcast("agent", payload);

    private void Chat(JsonObject payload, bool dropIfSlow = false) => Broadcast("chat", payload, dropIfSlow);

    private void Broadcast(string name, JsonObject payload, bool dropIfSlow = false)
    {
        if (name == "agent" && _run.Origin != TurnOrigin.Operator)
        {
            // The agent path's stream carries no chat-surface marks: no heartbeat flag, lane or replay verdict.
            payload.Remove("isHeartbeat");
            payload.Remove("lane");
            (payload["data"] as JsonObject)?.Remove("replayInvalid");
        }

        _broadcaster.Broadcast(name, payload, ReadScope, dropIfSlow);
    }

    private long NextSeq() => Interlocked.Increment(ref _seq);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
