using System.Text.Json.Nodes;
using Pincer.Agents.Runs.Events;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The run's live text: what of the streaming reply operators have been shown, what is held back by the pacing, and
/// the timer that sends it. Every member runs under <c>_gate</c>.
/// </summary>
internal sealed partial class RunEventPublisher
{
    /// <summary>
    /// The shortest wait before held text goes out. The reference's due timers run only after the events already in
    /// hand (the end of a stream arrives with its last chunk); a few milliseconds gives a thread-pool timer the same
    /// place in the order.
    /// </summary>
    private const int MinFlushDelayMs = 25;

    private string _text = "";
    private string _chatBase = "";
    private string? _sentText;
    private string? _itemId;
    private string? _agentSentText;
    private long? _agentPendingSeq;
    private long _agentPendingTs;
    private long _agentSentAtMs;
    private long _chatSentAtMs;
    private long _lastTextSeq;
    private ITimer? _agentFlush;
    private long _flushGeneration;

    /// <summary>The text the run had streamed so far: what an abort keeps of the reply.</summary>
    public string StreamedText
    {
        get
        {
            lock (_gate)
            {
                return _text;
            }
        }
    }

    private void Assistant(AssistantTextDelta delta)
    {
        var text = LiveAssistantText.Project(delta.Text);
        lock (_gate)
        {
            if (_itemId is not null && delta.ItemId != _itemId && _text.Length > 0)
            {
                // A further reply in the same run (after steered input): the chat text keeps the earlier replies,
                // a blank line apart, while each assistant item streams on its own.
                _chatBase = ChatText;
                _text = "";
                _agentSentText = "";
            }

            if (text == _text)
            {
                // Nothing new to show (a whitespace-only chunk): no event, and no seq is spent on it.
                return;
            }

            var seq = NextSeq();
            _text = text;
            _itemId = delta.ItemId;
            _lastTextSeq = seq;
            if (_agentSentText is null)
            {
                SendAgentAssistant(seq, delta.AtMs);
            }
            else
            {
                // The held event keeps the newest seq, and its delta is everything since the last one sent (so a seq
                // may never be seen, as on the reference).
                _agentPendingSeq = seq;
                _agentPendingTs = delta.AtMs;
                if (_agentFlush is null)
                {
                    var wait = Math.Max(MinFlushDelayMs, PacingMs - (Now() - _agentSentAtMs));
                    var generation = _flushGeneration;
                    _agentFlush = _time.CreateTimer(_ => PacingElapsed(generation), null, TimeSpan.FromMilliseconds(wait), Timeout.InfiniteTimeSpan);
                }
            }

            if (_sentText is null)
            {
                SendDelta(seq);
            }
        }
    }

    /// <summary>
    /// A boundary inside the run (steered input taken): what the pacing timer would send gets its turn now, the
    /// held assistant event and the chat delta of the text so far.
    /// </summary>
    public void FlushLiveText()
    {
        lock (_gate)
        {
            SendHeld(withChat: true);
        }
    }

    /// <summary>The pacing timer: the held assistant event and the chat delta of the same text, under its seq.</summary>
    private void PacingElapsed(long generation)
    {
        lock (_gate)
        {
            // Another event may already have sent the held text (or the run moved on): then this timer's turn is gone.
            if (generation == _flushGeneration)
            {
                SendHeld(withChat: true);
            }
        }
    }

    /// <summary>
    /// Sends the held assistant event, if any — before any other agent event, so the stream stays in order — and,
    /// when asked, the chat delta of the text so far under the newest text's seq.
    /// </summary>
    private void FlushHeld(bool withChat)
    {
        lock (_gate)
        {
            SendHeld(withChat);
        }
    }

    private void SendHeld(bool withChat)
    {
        StopFlushTimer();
        if (_agentPendingSeq is { } seq)
        {
            SendAgentAssistant(seq, _agentPendingTs);
        }

        if (withChat)
        {
            SendDelta(_lastTextSeq);
        }
    }

    /// <summary>The failed attempt's text is void: the live text starts over.</summary>
    private void ResetLiveText()
    {
        lock (_gate)
        {
            _text = "";
            _agentSentText = "";
            _agentPendingSeq = null;
            StopFlushTimer();
        }
    }

    /// <summary>
    /// A reply-dispatch run's end: the dispatcher does not flush live text, so a chat delta still held goes out only
    /// when its pacing window had already passed (the reference's timer fires right after the end, under the seq of
    /// the text it holds); otherwise the final alone carries the rest.
    /// </summary>
    private void SendHeldDeltaIfDue()
    {
        lock (_gate)
        {
            if (Now() - _chatSentAtMs >= PacingMs)
            {
                SendDelta(_lastTextSeq);
            }
        }
    }

    /// <summary>The run's whole reply as its final shows it: replies before steered input, a blank line apart, then the last.</summary>
    private string WholeReply(string finalText)
    {
        lock (_gate)
        {
            return _chatBase.Length > 0 ? _chatBase + "\n\n" + finalText : finalText;
        }
    }

    /// <summary>The chat text so far, from now on counted as sent (an abort shows it and nothing more follows).</summary>
    private string TakeUnsentChatText()
    {
        lock (_gate)
        {
            _sentText = ChatText;
            return _sentText;
        }
    }

    private void StopFlushTimer()
    {
        _agentFlush?.Dispose();
        _agentFlush = null;
        _flushGeneration++;
    }

    private void SendAgentAssistant(long seq, long atMs)
    {
        var previous = _agentSentText ?? "";
        var delta = _text.StartsWith(previous, StringComparison.Ordinal) ? _text[previous.Length..] : _text;
        _agentSentText = _text;
        _agentSentAtMs = Now();
        _agentPendingSeq = null;
        Agent(new JsonObject
        {
            ["runId"] = _run.RunId, ["stream"] = "assistant",
            ["data"] = new JsonObject { ["text"] = _text, ["delta"] = delta, ["itemId"] = _itemId },
            ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["ts"] = atMs, ["isHeartbeat"] = false,
        });
    }

    /// <summary>The end-of-run flush: whatever text the pacing held back, under the end event's seq.</summary>
    private void FlushDelta(long seq)
    {
        lock (_gate)
        {
            SendDelta(seq);
        }
    }

    /// <summary>The run's live chat text: earlier replies of the run, then the one streaming.</summary>
    private string ChatText => _chatBase.Length == 0 ? _text : _text.Length == 0 ? _chatBase : _chatBase + "\n\n" + _text;

    private void SendDelta(long seq)
    {
        var previous = _sentText ?? "";
        var text = ChatText;
        if (text == previous || text.Length == 0)
        {
            return;
        }

        var deltaText = text.StartsWith(previous, StringComparison.Ordinal) ? text[previous.Length..] : text;
        _sentText = text;
        _chatSentAtMs = Now();
        Chat(new JsonObject
        {
            ["runId"] = _run.RunId, ["sessionKey"] = _run.SessionKey, ["agentId"] = _run.AgentId, ["seq"] = seq, ["state"] = "delta",
            ["deltaText"] = deltaText, ["message"] = TextMessage(text),
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
            StopFlushTimer();
        }
    }
}
