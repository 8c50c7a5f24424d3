namespace Pincer.Sessions.Lanes;

/// <summary>
/// The messages a busy session holds back, with the reference's cap and drop rules and the overflow
/// summary of what was dropped. Not thread-safe: its <see cref="SessionLane"/> holds the lock.
/// </summary>
internal sealed class LaneQueue
{
    private readonly List<LaneMessage> _items = [];
    private readonly List<(LaneMessage Source, string Line)> _dropped = [];
    private bool _forceIndividualCollect;

    public LaneQueue(QueueSettings settings) => Settings = settings;

    /// <summary>The settings of the latest message accepted; they govern the next drain.</summary>
    public QueueSettings Settings { get; private set; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the latest enqueue; the quiet window counts from it.</summary>
    public long LastEnqueuedAt { get; private set; }

    public int Count => _items.Count;

    public int DroppedCount => _dropped.Count;

    public bool IsEmpty => _items.Count == 0 && _dropped.Count == 0;

    public IReadOnlyList<LaneMessage> Items => _items;

    public void Apply(QueueSettings settings) => Settings = settings;

    /// <summary>A steered message also counts as activity: the quiet window restarts from it.</summary>
    public void Touch(long now) => LastEnqueuedAt = now;

    /// <summary>True when a message with the same id and route is already waiting.</summary>
    public bool IsDuplicate(LaneMessage message) =>
        message.MessageId is { Length: > 0 } id
        && _items.Exists(i => i.MessageId == id && i.RouteKey == message.RouteKey);

    /// <summary>
    /// Appends a message, first making room at the cap: <c>new</c> refuses it; <c>old</c> drops the oldest waiting
    /// messages into <paramref name="discarded"/>; <c>summarize</c> drops them into the overflow summary, which keeps
    /// at most twice the cap of sources (older ones go to <paramref name="discarded"/>).
    /// </summary>
    /// <returns>False when the message was refused.</returns>
    public bool TryAdd(LaneMessage message, long now, List<LaneMessage> discarded)
    {
        var cap = Settings.Cap;
        if (cap > 0 && _items.Count >= cap)
        {
            if (Settings.Drop == QueueDropPolicy.New)
            {
                return false;
            }
            var dropCount = _items.Count - cap + 1;
            var victims = _items.GetRange(0, dropCount);
            _items.RemoveRange(0, dropCount);
            if (Settings.Drop == QueueDropPolicy.Summarize)
            {
                foreach (var v in victims)
                {
                    _dropped.Add((v, QueuePrompts.SummaryLine(v.Text)));
                }
                TrimSummaries(discarded);
            }
            else
            {
                discarded.AddRange(victims);
            }
        }
        _items.Add(message);
        LastEnqueuedAt = now;
        return true;
    }

    /// <summary>Puts back messages a run accepted for steering but never consumed, in arrival order.</summary>
    public void Restore(IEnumerable<LaneMessage> messages)
    {
        foreach (var m in messages)
        {
            var at = _items.FindIndex(i => i.Sequence > m.Sequence);
            _items.Insert(at < 0 ? _items.Count : at, m);
        }
    }

    /// <summary>
    /// Takes the next turn to drain: first an overflow summary of the oldest run of dropped messages that share a
    /// delivery context, then (collect) the leading group of queued messages that share one, or (other modes, and
    /// collect when routes differ) the oldest single message.
    /// </summary>
    public LaneTurn? TakeNext()
    {
        if (_dropped.Count > 0)
        {
            var context = _dropped[0].Source.DeliveryContext;
            var n = 1;
            while (n < _dropped.Count && _dropped[n].Source.DeliveryContext == context) n++;
            var group = _dropped.GetRange(0, n);
            _dropped.RemoveRange(0, n);
            var lines = group.Skip(Math.Max(0, n - Settings.Cap)).Select(g => g.Line).ToList();
            return new LaneTurn(LaneTurnKind.OverflowSummary, QueuePrompts.OverflowSummary(n, lines), [.. group.Select(g => g.Source)]);
        }
        if (_items.Count == 0)
        {
            _forceIndividualCollect = false;
            return null;
        }
        if (Settings.Mode == QueueMode.Collect)
        {
            var crossRoute = HasMixedRoutes();
            if (_forceIndividualCollect && !crossRoute && _items.Count > 1)
            {
                _forceIndividualCollect = false;
            }
            if (!_forceIndividualCollect && !crossRoute)
            {
                var context = _items[0].DeliveryContext;
                var n = 1;
                while (n < _items.Count && _items[n].DeliveryContext == context) n++;
                var group = _items.GetRange(0, n);
                _items.RemoveRange(0, n);
                return new LaneTurn(LaneTurnKind.Collected, QueuePrompts.Collect(group), group);
            }
            // Messages bound for different places cannot share one reply: drain them one by one until they agree again.
            _forceIndividualCollect |= crossRoute;
        }
        var first = _items[0];
        _items.RemoveAt(0);
        return LaneTurn.Single(LaneTurnKind.Followup, first);
    }

    /// <summary>Withdraws every waiting or summarized message with this run id.</summary>
    public List<LaneMessage> Remove(string runId)
    {
        var removed = _items.FindAll(i => i.RunId == runId);
        _items.RemoveAll(i => i.RunId == runId);
        foreach (var d in _dropped.FindAll(d => d.Source.RunId == runId))
        {
            removed.Add(d.Source);
        }
        _dropped.RemoveAll(d => d.Source.RunId == runId);
        return removed;
    }

    /// <summary>Empties the queue and its summary, returning every message it held.</summary>
    public List<LaneMessage> Clear()
    {
        var all = new List<LaneMessage>(_dropped.Count + _items.Count);
        all.AddRange(_dropped.Select(d => d.Source));
        all.AddRange(_items);
        _dropped.Clear();
        _items.Clear();
        _forceIndividualCollect = false;
        return all;
    }

    private void TrimSummaries(List<LaneMessage> discarded)
    {
        // The reference keeps the newest cap lines plus up to cap older elided sources; anything older is forgotten.
        var keep = (long)Settings.Cap * 2;
        if (_dropped.Count > keep)
        {
            var excess = (int)(_dropped.Count - keep);
            discarded.AddRange(_dropped.GetRange(0, excess).Select(d => d.Source));
            _dropped.RemoveRange(0, excess);
        }
    }

    private bool HasMixedRoutes()
    {
        string? first = null;
        foreach (var item in _items)
        {
            if (item.RouteKey is null) continue;
            if (first is null) first = item.RouteKey;
            else if (first != item.RouteKey) return true;
        }
        return false;
    }
}
