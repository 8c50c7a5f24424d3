namespace Pincer.Sessions.Lanes;

/// <summary>
/// One session's lane: at most one turn at a time, a bounded queue for what arrives meanwhile, and a single
/// worker that owns both. Messages arriving while a run is active follow the queue mode (steer, followup,
/// collect, interrupt); queued messages drain once the session has been quiet for the debounce window.
/// The worker exits, and the lane retires, as soon as nothing is running or waiting.
/// </summary>
/// <remarks>
/// The pending messages live in a <see cref="LaneQueue"/> under one lock rather than a <c>Channel&lt;T&gt;</c>:
/// the reference's rules drop from the head, fold dropped messages into a summary, coalesce runs of compatible
/// messages and withdraw single messages by run id, none of which a channel reader can do. The single-reader
/// property is kept: only the worker takes turns out.
/// </remarks>
internal sealed class SessionLane
{
    private readonly Lock _lock = new();
    private readonly ILaneRunner _runner;
    private readonly ConcurrencyGate _gate;
    private readonly TimeProvider _time;
    private readonly CancellationToken _shutdown;
    private readonly Action<SessionLane> _onRetired;
    private readonly RecentQueueIds _recent;
    private readonly LaneQueue _queue = new(QueueSettings.Default);
    private ActiveRun? _current;
    private LaneMessage? _next;
    private Task? _worker;
    private long _sequence;
    private bool _retired;
    private bool _closed;
    private readonly QuietWindow _quiet;

    public SessionLane(string sessionKey, ILaneRunner runner, ConcurrencyGate gate, RecentQueueIds recent, TimeProvider time, Action<SessionLane> onRetired, CancellationToken shutdown)
    {
        _recent = recent;
        _quiet = new QuietWindow(time);
        SessionKey = sessionKey;
        _runner = runner;
        _gate = gate;
        _time = time;
        _shutdown = shutdown;
        _onRetired = onRetired;
    }

    public string SessionKey { get; }

    /// <summary>The worker; complete before the first message and after retirement.</summary>
    public Task Completion
    {
        get { lock (_lock) return _worker ?? Task.CompletedTask; }
    }

    public bool IsRetired
    {
        get { lock (_lock) return _retired; }
    }

    /// <summary>A consistent view for status surfaces and tests.</summary>
    public LaneSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new LaneSnapshot(SessionKey, _current is not null, _current?.Started == true, _queue.Count, _queue.DroppedCount, _queue.Settings);
        }
    }

    /// <summary>Offers a message. False only when the lane has retired and the caller must use a fresh one.</summary>
    public bool TryEnqueue(LaneMessage message, QueueSettings settings, out LaneEnqueueResult result)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var discarded = new List<LaneMessage>();
        LaneMessage? replaced = null;
        ActiveRun? interrupted = null;
        lock (_lock)
        {
            if (_retired)
            {
                result = default;
                return false;
            }
            if (_closed)
            {
                result = LaneEnqueueResult.Closed;
                return true;
            }
            message.Sequence = ++_sequence;
            if (_current is null && _queue.IsEmpty)
            {
                _current = NewRun(LaneTurn.Single(LaneTurnKind.Direct, message));
                _worker ??= Task.Run(WorkerAsync, CancellationToken.None);
                result = LaneEnqueueResult.Started;
            }
            else if (_current is null || !_queue.IsEmpty)
            {
                // Something already waits (or the queue is in its quiet window): stay behind it, whatever the mode.
                result = Queue(message, settings, discarded);
            }
            else
            {
                switch (settings.Mode)
                {
                    case QueueMode.Steer:
                        if (IsDuplicate(message))
                        {
                            result = LaneEnqueueResult.Duplicate;
                        }
                        else if (_current.TrySteer(message))
                        {
                            _queue.Apply(settings);
                            _queue.Touch(_time.GetTimestamp());
                            Remember(message);
                            result = LaneEnqueueResult.Steered;
                        }
                        else
                        {
                            result = Queue(message, settings, discarded);
                        }
                        break;
                    case QueueMode.Interrupt:
                        replaced = _next;
                        _next = message;
                        _current.BeginAbort(LaneDiscardReason.Interrupted);
                        interrupted = _current;
                        result = LaneEnqueueResult.Interrupting;
                        break;
                    default:
                        result = Queue(message, settings, discarded);
                        break;
                }
            }
        }
        interrupted?.SignalAbort();
        Discard(discarded, LaneDiscardReason.QueueCap);
        if (replaced is not null)
        {
            Discard([replaced], LaneDiscardReason.Interrupted);
        }
        return true;
    }

    /// <summary>Withdraws a queued, summarized or pending-steer message by run id, or stops the run that is it.</summary>
    public bool TryCancel(string runId)
    {
        List<LaneMessage> removed;
        ActiveRun? aborted = null;
        lock (_lock)
        {
            removed = _queue.Remove(runId);
            if (_next?.RunId == runId)
            {
                removed.Add(_next);
                _next = null;
            }
            if (_current is { } run)
            {
                if (run.TryWithdrawSteer(runId, out var steers))
                {
                    removed.AddRange(steers);
                }
                if (run.Turn.Sources.All(s => s.RunId == runId))
                {
                    run.BeginAbort(LaneDiscardReason.Cancelled);
                    aborted = run;
                }
            }
            _quiet.Wake();
        }
        aborted?.SignalAbort();
        Discard(removed, LaneDiscardReason.Cancelled);
        return removed.Count > 0 || aborted is not null;
    }

    /// <summary>Stops the session: queued work is withdrawn first, then the active run is aborted.</summary>
    /// <returns>How many queued messages were withdrawn.</returns>
    public int Abort() => Stop(LaneDiscardReason.SessionAborted, close: false);

    /// <summary>Refuses further messages, withdraws queued ones and aborts the active run; the worker then exits.</summary>
    public void Shutdown() => Stop(LaneDiscardReason.Shutdown, close: true);

    /// <summary>Completes when the worker is next parked in (or already in) a quiet-window wait. For tests.</summary>
    internal Task WhenWaitingAsync() => _quiet.WhenWaitingAsync();

    private int Stop(LaneDiscardReason reason, bool close)
    {
        List<LaneMessage> removed;
        ActiveRun? aborted = null;
        lock (_lock)
        {
            _closed |= close;
            removed = _queue.Clear();
            if (_next is not null)
            {
                removed.Add(_next);
                _next = null;
            }
            if (_current is { } run)
            {
                removed.AddRange(run.Finish());
                run.BeginAbort(reason);
                aborted = run;
            }
            _quiet.Wake();
        }
        aborted?.SignalAbort();
        Discard(removed, reason);
        return removed.Count;
    }

    private LaneEnqueueResult Queue(LaneMessage message, QueueSettings settings, List<LaneMessage> discarded)
    {
        if (IsDuplicate(message))
        {
            return LaneEnqueueResult.Duplicate;
        }
        _queue.Apply(settings);
        if (!_queue.TryAdd(message, _time.GetTimestamp(), discarded))
        {
            return LaneEnqueueResult.QueueFull;
        }
        Remember(message);
        return LaneEnqueueResult.Queued;
    }

    /// <summary>Already waiting here, or queued for this session and route within the last five minutes.</summary>
    private bool IsDuplicate(LaneMessage message) =>
        _queue.IsDuplicate(message) || (RecentQueueIds.KeyFor(SessionKey, message) is { } key && _recent.Contains(key));

    private void Remember(LaneMessage message)
    {
        if (RecentQueueIds.KeyFor(SessionKey, message) is { } key) _recent.Record(key, message);
    }

    private ActiveRun NewRun(LaneTurn turn) => new(SessionKey, turn, _shutdown);

    private async Task WorkerAsync()
    {
        while (true)
        {
            ActiveRun? run = null;
            Task? quiet = null;
            lock (_lock)
            {
                if (_current is not null)
                {
                    run = _current;
                }
                else if (_closed || _queue.IsEmpty)
                {
                    _retired = true;
                    break;
                }
                else
                {
                    var remaining = _queue.Settings.Debounce - _time.GetElapsedTime(_queue.LastEnqueuedAt);
                    if (remaining > TimeSpan.Zero)
                    {
                        // New messages only push LastEnqueuedAt later; when this wait ends the loop re-measures and may wait again.
                        quiet = _quiet.WaitAsync(remaining);
                    }
                    else if (_queue.TakeNext() is { } turn)
                    {
                        run = _current = NewRun(turn);
                    }
                }
            }
            if (quiet is not null)
            {
                await quiet.ConfigureAwait(false);
                continue;
            }
            if (run is null)
            {
                continue;
            }
            await ExecuteAsync(run).ConfigureAwait(false);
            List<LaneMessage>? unconsumed = null;
            lock (_lock)
            {
                var left = run.Finish();
                if (_closed)
                {
                    unconsumed = left;
                }
                else
                {
                    _queue.Restore(left);
                }
                _current = null;
                if (_next is { } next)
                {
                    _next = null;
                    _current = NewRun(LaneTurn.Single(LaneTurnKind.Direct, next));
                }
            }
            run.Release();
            if (unconsumed is not null)
            {
                Discard(unconsumed, LaneDiscardReason.Shutdown);
            }
        }
        _onRetired(this);
    }

    private async Task ExecuteAsync(ActiveRun run)
    {
        var token = run.Cancellation;
        try
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Discard(run.Turn.Sources, run.AbortReason ?? LaneDiscardReason.Shutdown);
            return;
        }
        try
        {
            if (token.IsCancellationRequested || run.AbortReason is not null)
            {
                Discard(run.Turn.Sources, run.AbortReason ?? LaneDiscardReason.Shutdown);
                return;
            }
            run.MarkStarted();
            await _runner.RunAsync(run.Turn, run, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run honoured its abort.
        }
        catch (Exception ex)
        {
            // The worker is the boundary: one failed turn must not stall the session.
            try
            {
                _runner.OnRunFaulted(SessionKey, run.Turn, ex);
            }
            catch (Exception)
            {
                // A faulty observer is not a reason to stop serving the session.
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Discard(IEnumerable<LaneMessage> messages, LaneDiscardReason reason)
    {
        foreach (var m in messages)
        {
            if (RecentQueueIds.KeyFor(SessionKey, m) is { } key)
            {
                _recent.Release(key, m);
            }
            try
            {
                _runner.OnDiscarded(SessionKey, m, reason);
            }
            catch (Exception)
            {
                // Observers must not break the lane; the message is gone either way.
            }
        }
    }
}
