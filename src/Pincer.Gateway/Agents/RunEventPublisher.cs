using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Agents.Runs.Events;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Events;

namespace Pincer.Gateway.Agents;

/// <summary>
/// One run's <c>agent</c> and <c>chat</c> event streams, as the reference sends them to every operator with read
/// access: each <c>agent</c> event takes the run's next <c>seq</c>; a <c>chat</c> event mirrors the agent event
/// it was derived from and carries that event's seq. Chat deltas are paced: the first goes out at once, later
/// text waits up to <see cref="PacingMs"/> after the previous delta and is flushed before the final.
/// </summary>
internal sealed class RunEventPublisher : IRunEventSink, IDisposable
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
    private string _text = "";
    private string? _sentText;
    private long _sentAtMs;
    private ITimer? _flush;
    private long _flushSeq;

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
        var seq = NextSeq();
        Chat(new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "status", ["phase"] = phase,
        });
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["stream"] = "run_status", ["data"] = new JsonObject { ["phase"] = phase },
            ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = atMs, ["isHeartbeat"] = false,
        });
    }

    /// <summary>The end of a run that produced a reply (or failed): lane release, lifecycle end, last delta, final.</summary>
    public void Ended(RunOutcome outcome, long startedAtMs, long endedAtMs)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Aborted)
        {
            ChatAborted(_run.AbortReason);
        }

        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["agentId"] = _run.AgentId, ["sessionId"] = SessionId, ["sessionKey"] = _run.SessionKey, ["lane"] = "main",
            ["stream"] = "lifecycle", ["data"] = new JsonObject { ["phase"] = "model", ["provider"] = null, ["model"] = null },
            ["seq"] = NextSeq(), ["ts"] = Now(), ["isHeartbeat"] = false,
        });
        var disposition = outcome.FinalText.Length > 0 ? "visible" : "none";
        var data = new JsonObject
        {
            ["stopReason"] = outcome.StopReason, ["aborted"] = outcome.Aborted, ["livenessState"] = "working", ["phase"] = "end",
            ["endedAt"] = endedAtMs, ["startedAt"] = startedAtMs, ["replayInvalid"] = false,
            ["terminalReply"] = new JsonObject { ["disposition"] = disposition, ["text"] = outcome.FinalText },
            ["terminalReceipt"] = new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionId"] = SessionId, ["turnId"] = _run.RunId,
                ["requested"] = new JsonObject { ["provider"] = _run.RequestedProvider, ["model"] = _run.RequestedModel },
                ["effective"] = new JsonObject { ["provider"] = outcome.Provider, ["model"] = outcome.Model, ["responseModel"] = outcome.ResponseModel ?? outcome.Model },
                ["successfulToolNames"] = new JsonArray([.. outcome.SuccessfulToolNames.Select(n => (JsonNode)n)]),
                ["rerouted"] = outcome.Provider != _run.RequestedProvider || outcome.Model != _run.RequestedModel,
                ["terminalDisposition"] = disposition,
            },
            ["executionSettled"] = true,
        };
        if (outcome.Error is { } error)
        {
            data["error"] = error.Message;
        }

        var seq = NextSeq();
        Broadcast("agent", new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["stream"] = "lifecycle", ["data"] = data,
            ["sessionId"] = SessionId, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = endedAtMs, ["isHeartbeat"] = false,
        });
        if (outcome.Aborted)
        {
            return;
        }

        FlushDelta(seq, final: true);
        if (outcome.Error is { } failure)
        {
            Chat(new JsonObject
            {
                ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "error",
                ["errorMessage"] = failure.Message,
            });
            return;
        }

        var final = new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "final",
            ["stopReason"] = outcome.StopReason,
        };
        if (outcome.FinalText.Length > 0)
        {
            final["message"] = TextMessage(outcome.FinalText);
        }

        Chat(final);
    }

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
    private void ChatAborted(string stopReason)
    {
        string partial;
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
            partial = _text;
            _sentText = _text;
        }

        var payload = new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["seq"] = Interlocked.Read(ref _seq) + 1, ["state"] = "aborted", ["stopReason"] = stopReason,
        };
        if (partial.Trim().Length > 0)
        {
            payload["message"] = TextMessage(partial);
        }

        Chat(payload);
    }

    public void Dispose() => CancelFlush();

    private void Assistant(AssistantTextDelta delta)
    {
        var seq = NextSeq();
        Agent(new JsonObject
        {
            ["runId"] = _run.RunId, ["stream"] = "assistant",
            ["data"] = new JsonObject { ["text"] = delta.Text, ["delta"] = delta.Delta, ["itemId"] = delta.ItemId },
            ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = delta.AtMs, ["isHeartbeat"] = false,
        }, seq);
        lock (_gate)
        {
            _text = delta.Text;
            if (_sentText is null)
            {
                SendDelta(seq);
                return;
            }

            _flushSeq = seq;
            if (_flush is null)
            {
                var wait = Math.Max(0, PacingMs - (Now() - _sentAtMs));
                _flush = _time.CreateTimer(_ => FlushDelta(null, final: false), null, TimeSpan.FromMilliseconds(wait), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void FlushDelta(long? seq, bool final)
    {
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
            if (final || _text != _sentText)
            {
                SendDelta(seq ?? _flushSeq);
            }
        }
    }

    private void SendDelta(long seq)
    {
        var previous = _sentText ?? "";
        if (_text == previous || _text.Length == 0)
        {
            return;
        }

        var deltaText = _text.StartsWith(previous, StringComparison.Ordinal) ? _text[previous.Length..] : _text;
        _sentText = _text;
        _sentAtMs = Now();
        Chat(new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "delta",
            ["deltaText"] = deltaText, ["message"] = TextMessage(_text),
        }, dropIfSlow: true);
    }

    private JsonObject TextMessage(string text) => new()
    {
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["timestamp"] = Now(),
    };

    private void CancelFlush()
    {
        lock (_gate)
        {
            _flush?.Dispose();
            _flush = null;
        }
    }

    private void Lifecycle(JsonObject data, long atMs) => Agent(new JsonObject
    {
        ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["sessionId"] = SessionId, ["agentId"] = _run.AgentId,
        ["stream"] = "lifecycle", ["data"] = data, ["seq"] = NextSeq(), ["ts"] = atMs, ["isHeartbeat"] = false,
    });

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

    private void Agent(JsonObject payload, long? _ = null) => Broadcast("agent", payload);

    private void Chat(JsonObject payload, bool dropIfSlow = false) => Broadcast("chat", payload, dropIfSlow);

    private void Broadcast(string name, JsonObject payload, bool dropIfSlow = false) => _broadcaster.Broadcast(name, payload, ReadScope, dropIfSlow);

    private long NextSeq() => Interlocked.Increment(ref _seq);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
