using System.Collections.Concurrent;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// Every session lane of the process: created on the first message for a session, retired as soon as it is idle,
/// and bounded together by the global lanes' concurrency limits (<c>agents.defaults.maxConcurrent</c>,
/// <c>agents.defaults.subagents.maxConcurrent</c>). <c>chat.send</c> and every channel enqueue here, so a
/// Telegram message and a Control UI message for one session share one queue.
/// </summary>
public sealed class LaneRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SessionLane> _lanes = new(StringComparer.Ordinal);
    private readonly Lock _lifecycle = new();
    private readonly ILaneRunner _runner;
    private readonly TimeProvider _time;
    private readonly ConcurrencyGate _main;
    private readonly ConcurrencyGate _subagent;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly RecentQueueIds _recent;
    private bool _closed;

    public LaneRegistry(ILaneRunner runner, LaneLimits limits, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(limits);
        _runner = runner;
        _time = timeProvider ?? TimeProvider.System;
        _main = new ConcurrencyGate(limits.Main);
        _subagent = new ConcurrencyGate(limits.Subagent);
        _recent = new RecentQueueIds(_time);
    }

    /// <summary>How many lanes are alive (busy or draining); idle sessions hold none.</summary>
    public int LaneCount => _lanes.Count;

    /// <summary>
    /// Offers a message to its session's lane. Idle sessions start it at once; busy ones apply
    /// <paramref name="settings"/>' mode. Never blocks on the run.
    /// </summary>
    /// <param name="sessionKey">The session's key, as stored (<c>agent:main:main</c>, …).</param>
    /// <param name="message">The message.</param>
    /// <param name="settings">From <see cref="QueueSettingsResolver.Resolve"/> for this message's channel and session.</param>
    /// <param name="globalLane">Whose concurrency budget the session's runs use; fixed when the lane is created.</param>
    public LaneEnqueueResult Enqueue(string sessionKey, LaneMessage message, QueueSettings settings, GlobalLane globalLane = GlobalLane.Main)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        while (true)
        {
            SessionLane lane;
            lock (_lifecycle)
            {
                if (_closed)
                {
                    return LaneEnqueueResult.Closed;
                }
                lane = _lanes.GetOrAdd(sessionKey, key => new SessionLane(
                    key, _runner, globalLane == GlobalLane.Subagent ? _subagent : _main, _recent, _time, Retire, _shutdown.Token));
            }
            if (lane.TryEnqueue(message, settings, out var result))
            {
                return result;
            }
            // It retired between lookup and offer; it removes itself, but make sure before trying a fresh one.
            _lanes.TryRemove(new KeyValuePair<string, SessionLane>(sessionKey, lane));
        }
    }

    /// <summary>
    /// Withdraws the message with <paramref name="runId"/> while it waits (queued, summarized or pending steer),
    /// or aborts the run that answers only it.
    /// </summary>
    public bool TryCancel(string sessionKey, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _lanes.TryGetValue(sessionKey, out var lane) && lane.TryCancel(runId);
    }

    /// <summary>Stops a session: withdraws its queued messages, then aborts its active run.</summary>
    /// <returns>How many queued messages were withdrawn.</returns>
    public int Abort(string sessionKey) => _lanes.TryGetValue(sessionKey, out var lane) ? lane.Abort() : 0;

    /// <summary>The lane's state, or null when the session is idle.</summary>
    public LaneSnapshot? Snapshot(string sessionKey) => _lanes.TryGetValue(sessionKey, out var lane) ? lane.Snapshot() : null;

    /// <summary>Every live lane, for status and diagnostics surfaces.</summary>
    public IReadOnlyList<LaneSnapshot> Snapshots() => [.. _lanes.Values.Select(l => l.Snapshot())];

    /// <summary>Occupancy of one global lane.</summary>
    public GlobalLaneSnapshot Snapshot(GlobalLane lane)
    {
        var gate = GateFor(lane);
        return new GlobalLaneSnapshot(lane, gate.Active, gate.Waiting, gate.Limit);
    }

    /// <summary>Applies reloaded concurrency limits; raising one admits waiting runs at once.</summary>
    public void UpdateLimits(LaneLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _main.SetLimit(limits.Main);
        _subagent.SetLimit(limits.Subagent);
    }

    /// <summary>
    /// Refuses new messages, withdraws queued ones (reported as <see cref="LaneDiscardReason.Shutdown"/>), aborts
    /// active runs and waits for every lane worker to finish.
    /// </summary>
    public async Task ShutdownAsync()
    {
        SessionLane[] lanes;
        lock (_lifecycle)
        {
            _closed = true;
            lanes = [.. _lanes.Values];
        }
        // Every run token is linked to this one: once it fires, no waiting turn can take a slot another lane frees.
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var lane in lanes)
        {
            lane.Shutdown();
        }
        await Task.WhenAll(lanes.Select(l => l.Completion)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    internal SessionLane? LaneFor(string sessionKey) => _lanes.TryGetValue(sessionKey, out var lane) ? lane : null;

    internal ConcurrencyGate GateFor(GlobalLane lane) => lane == GlobalLane.Subagent ? _subagent : _main;

    private void Retire(SessionLane lane) => _lanes.TryRemove(new KeyValuePair<string, SessionLane>(lane.SessionKey, lane));
}
