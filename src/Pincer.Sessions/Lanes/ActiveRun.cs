namespace Pincer.Sessions.Lanes;

/// <summary>
/// The lane's handle on the turn it is running. The runner opens it for steering while it can take new input
/// at its boundaries (before the next tool launch or model call), drains it there, and watches
/// <see cref="Cancellation"/>, which fires on interrupt, <c>chat.abort</c> and shutdown.
/// </summary>
public sealed class ActiveRun
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cts;
    private readonly List<LaneMessage> _steering = [];
    private bool _steeringOpen;
    private bool _finished;
    private bool _started;

    internal ActiveRun(string sessionKey, LaneTurn turn, CancellationToken laneToken)
    {
        SessionKey = sessionKey;
        Turn = turn;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(laneToken);
        Cancellation = _cts.Token;
    }

    /// <summary>The session this run belongs to.</summary>
    public string SessionKey { get; }

    /// <summary>What the run answers.</summary>
    public LaneTurn Turn { get; }

    /// <summary>Fires when the run must stop: interrupt, abort, or lane shutdown. Link model calls and tools to it.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True once the runner was handed the turn (it had a concurrency slot).</summary>
    public bool Started => Volatile.Read(ref _started);

    /// <summary>True when steered messages wait for the runner's next boundary.</summary>
    public bool HasPendingSteering
    {
        get { lock (_gate) return _steering.Count > 0; }
    }

    /// <summary>Declares that the run can take steering now; until then steer-mode messages queue as followups.</summary>
    public void OpenSteering()
    {
        lock (_gate) _steeringOpen = !_finished;
    }

    /// <summary>Declares that the run can no longer take steering (already accepted messages stay pending).</summary>
    public void CloseSteering()
    {
        lock (_gate) _steeringOpen = false;
    }

    /// <summary>
    /// Takes steered messages accepted so far, oldest first, at a runtime boundary: all of them, or at most
    /// <paramref name="maxCount"/> for a runtime that injects one at a time. Taken messages are the runner's to
    /// append to the conversation; messages never taken return to the queue when the run ends.
    /// </summary>
    public IReadOnlyList<LaneMessage> TakeSteering(int maxCount = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            var n = Math.Min(maxCount, _steering.Count);
            if (n == 0) return [];
            var taken = _steering.GetRange(0, n);
            _steering.RemoveRange(0, n);
            return taken;
        }
    }

    internal bool TrySteer(LaneMessage message)
    {
        lock (_gate)
        {
            if (!_steeringOpen || _finished || AbortReason is not null) return false;
            _steering.Add(message);
            return true;
        }
    }

    internal bool TryWithdrawSteer(string runId, out List<LaneMessage> withdrawn)
    {
        lock (_gate)
        {
            withdrawn = _steering.FindAll(m => m.RunId == runId);
            _steering.RemoveAll(m => m.RunId == runId);
            return withdrawn.Count > 0;
        }
    }

    internal void MarkStarted() => Volatile.Write(ref _started, true);

    /// <summary>Why the lane stopped this run, when it did; the first reason wins.</summary>
    internal LaneDiscardReason? AbortReason { get; private set; }

    /// <summary>A newer interrupt-mode message stopped this run (not an operator's abort).</summary>
    public bool WasInterrupted => AbortReason == LaneDiscardReason.Interrupted;

    /// <summary>
    /// Records the abort and shuts steering, under the lane's lock. The token fires later, in
    /// <see cref="SignalAbort"/>, outside it: cancellation callbacks are the runner's code and must not run
    /// while the lane's state is half-updated.
    /// </summary>
    internal void BeginAbort(LaneDiscardReason reason)
    {
        lock (_gate)
        {
            AbortReason ??= reason;
            _steeringOpen = false;
        }
    }

    internal void SignalAbort()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and disposed: nothing left to stop.
        }
    }

    /// <summary>Closes the run to steering and hands back what the runner never took.</summary>
    internal List<LaneMessage> Finish()
    {
        lock (_gate)
        {
            _finished = true;
            _steeringOpen = false;
            var left = new List<LaneMessage>(_steering);
            _steering.Clear();
            return left;
        }
    }

    /// <summary>Frees the token source once the lane is done with the run; the token stays readable.</summary>
    internal void Release() => _cts.Dispose();
}
