using Microsoft.Extensions.Logging;
using Pincer.Agents.Runs;
using Pincer.Agents.Runs.Events;
using Pincer.Gateway.Events;
using Pincer.Gateway.Sessions;
using Pincer.Sessions.Lanes;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Runs the turns the session lanes schedule, the way the reference's embedded runner does: prepare the
/// workspace and context, commit the user's message, mark the session running, call the agent loop, then
/// settle the session row and announce the end. Every phase is an event on the run's stream.
/// </summary>
internal sealed class AgentTurnRunner(
    AgentStores stores,
    TurnSessions sessions,
    TurnConversation conversation,
    EventBroadcaster broadcaster,
    SessionMessagePublisher messages,
    ChatRuns runs,
    TimeProvider time,
    ILogger<AgentTurnRunner> logger) : ILaneRunner
{
    public async Task RunAsync(LaneTurn turn, ActiveRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var input = Dispatch(turn, (TurnInput)turn.Origin.Payload!);
        var chat = input.Run;
        EndFolded(turn);
        using var events = new RunEventPublisher(broadcaster, time, chat);
        try
        {
            events.Status("preparing_workspace", Now());
            var store = await stores.GetAsync(chat.AgentId).ConfigureAwait(false);
            var (session, freshWindow) = await sessions.EnsureAsync(store, input, cancellationToken).ConfigureAwait(false);
            events.SessionId = session.SessionId;
            var prepared = await conversation.PrepareWorkspaceAsync(store, session, cancellationToken).ConfigureAwait(false);
            events.Status("preparing_context", Now());
            var transcript = await sessions.AppendUserAsync(store, session, freshWindow, input, turn, cancellationToken).ConfigureAwait(false);
            messages.Appended(store, input.StoreKey, session, transcript.User, transcript.UserMessageSeq, transcript.Source, input.SenderIsOwner);
            var request = await conversation.BuildAsync(store, session, input, transcript, prepared, cancellationToken).ConfigureAwait(false);
            chat.RequestedProvider = request.Model.Endpoint.Provider;
            chat.RequestedModel = request.Model.Endpoint.Model;
            var startedAt = Now();
            chat.StartedAtMs = startedAt;
            events.Emit(new RunStarted(startedAt));
            var running = await sessions.MarkRunningAsync(store, input.StoreKey, chat, startedAt, request.Model.Endpoint, cancellationToken).ConfigureAwait(false);
            events.Status("starting_model", Now());
            var leaf = await sessions.AppendRunMarkersAsync(store, session, transcript, request, cancellationToken).ConfigureAwait(false);
            var runner = new AgentRunner(store.Transcripts, time);
            var sink = new AppendingSink(events, (entry, atMs) =>
            {
                var (stored, messageSeq) = transcript.Cursor.Advance(entry, atMs);
                messages.Appended(store, input.StoreKey, running, stored, messageSeq, transcript.Source, senderIsOwner: null);
            });
            var steering = new RunSteering(run, chat, store, session.SessionId!, events, broadcaster, time);
            run.OpenSteering();
            var outcome = await runner.RunAsync(request with { ParentEntryId = leaf, CommitAbortedReply = false, Steering = steering }, sink, cancellationToken).ConfigureAwait(false);
            run.CloseSteering();
            // Only an operator's abort keeps the partial reply; a run an interrupt-mode message replaced leaves none.
            var last = outcome.Aborted && !run.WasInterrupted
                ? await KeepAbortedPartialAsync(store, input.StoreKey, session.SessionId!, chat, events.StreamedText, outcome.LeafEntryId, sink).ConfigureAwait(false)
                : outcome.LeafEntryId;
            if (!outcome.Aborted && outcome.Error is null)
            {
                await sessions.AppendBootstrapMarkerAsync(store, input.StoreKey, session.SessionId!, transcript.Cursor, chat.RunId, last).ConfigureAwait(false);
            }
            var endedAt = Now();
            await sessions.SettleAsync(store, input.StoreKey, chat, outcome, startedAt, endedAt).ConfigureAwait(false);
            // An aborted run reports who stopped it, as the reference's agent.wait does: error "aborted", stop reason "rpc".
            // A run an interrupt-mode message replaced reports the user's interruption, as the reference's reply path does.
            var interrupted = outcome.Aborted && run.WasInterrupted;
            var (receipt, reply) = events.Ended(outcome, startedAt, endedAt, interrupted ? InterruptedError : null);
            chat.End(new ChatRunResult(outcome.Error is null && !outcome.Aborted ? "ok" : "error", startedAt, endedAt,
                interrupted ? StopReasons.Aborted : outcome.Aborted ? chat.AbortReason : outcome.StopReason,
                interrupted ? InterruptedError : outcome.Aborted ? "aborted" : outcome.Error?.Message)
            {
                Interrupted = interrupted,
                TerminalReceipt = receipt,
                TerminalReply = reply,
                SessionId = session.SessionId,
                Outcome = outcome,
                ContextTokens = request.Model.Endpoint.ContextWindow,
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var endedAt = Now();
            events.Cancelled("rpc", endedAt);
            chat.End(new ChatRunResult("error", chat.StartedAtMs, endedAt, "rpc", null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AgentTurnLog.TurnFailed(logger, chat.RunId, ex);
            var endedAt = Now();
            chat.End(new ChatRunResult("error", chat.StartedAtMs, endedAt, StopReasons.Error, ex.Message));
            throw;
        }
    }

    /// <summary>
    /// A queued message's turn: its sender's run was acknowledged when it was queued, so the turn runs under a run
    /// of its own, as the reference's reply dispatcher runs it (its id is what the reply's transcript entry names).
    /// </summary>
    private TurnInput Dispatch(LaneTurn turn, TurnInput input)
    {
        if (turn.Kind is not (LaneTurnKind.Followup or LaneTurnKind.Collected) || input.Run is not { Origin: TurnOrigin.Operator, IsEnded: true } queued)
        {
            return input;
        }

        var run = new ChatRun
        {
            RunId = Guid.NewGuid().ToString(), SessionKey = queued.SessionKey, AgentId = queued.AgentId, AcceptedAtMs = queued.AcceptedAtMs,
            Origin = TurnOrigin.Operator, ReplyDispatch = true,
        };
        runs.Register(run);
        return input with { Run = run };
    }

    /// <summary>What <c>agent.wait</c> says of a run an interrupt-mode message replaced.</summary>
    private const string InterruptedError = "Reply operation aborted by user";

    public void OnDiscarded(string sessionKey, LaneMessage message, LaneDiscardReason reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Payload is TurnInput input)
        {
            using var events = new RunEventPublisher(broadcaster, time, input.Run);
            var endedAt = Now();
            events.Cancelled("rpc", endedAt);
            input.Run.End(new ChatRunResult("error", null, endedAt, "rpc", null));
        }
    }

    /// <summary>
    /// The earlier messages of a collected turn: the turn runs under the newest one's run, so theirs end here (ok),
    /// or their <c>agent.wait</c> would never return.
    /// </summary>
    private void EndFolded(LaneTurn turn)
    {
        foreach (var source in turn.Sources.Take(turn.Sources.Count - 1))
        {
            if (source.Payload is TurnInput input)
            {
                QueuedRunAcknowledgement.Acknowledge(broadcaster, time, input.Run);
            }
        }
    }

    /// <summary>Commits what had streamed of a stopped reply, as the abort's own message; returns the new leaf.</summary>
    private async Task<string?> KeepAbortedPartialAsync(AgentStore store, string storeKey, string sessionId, ChatRun chat, string partial, string? leaf, IRunEventSink sink)
    {
        var now = time.GetUtcNow();
        if (AbortedPartialMessage.Build(chat.RunId, partial, chat.AbortReason, now.ToUnixTimeMilliseconds()) is not { } message)
        {
            return leaf;
        }

        var entry = TranscriptEntry.CreateMessage(Guid.NewGuid().ToString(), leaf, now, message);
        await store.Transcripts.AppendAsync(storeKey, sessionId, [entry], CancellationToken.None).ConfigureAwait(false);
        sink.Emit(new TranscriptAppended(now.ToUnixTimeMilliseconds(), entry));
        return entry.Id;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Forwards run events, and announces each committed transcript entry to its subscribers.</summary>
    private sealed class AppendingSink(RunEventPublisher events, Action<TranscriptEntry, long> appended) : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
            events.Emit(runEvent);
            if (runEvent is TranscriptAppended entry)
            {
                appended(entry.Entry, runEvent.AtMs);
            }
        }
    }
}
