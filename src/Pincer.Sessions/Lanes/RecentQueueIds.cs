namespace Pincer.Sessions.Lanes;

/// <summary>
/// Message ids that entered a session queue recently (5 minutes, at most 10,000), shared by all lanes so a
/// channel's redelivery of a message that already queued and ran is refused while its session is busy.
/// A message that leaves the lane without running releases its id, so a retried delivery can queue again.
/// </summary>
internal sealed class RecentQueueIds(TimeProvider time)
{
    /// <summary>How long an id is remembered.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMilliseconds(300_000);

    /// <summary>Most ids remembered; the oldest go first.</summary>
    public const int MaxSize = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long At, LaneMessage Owner)> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long At)> _order = new();

    public static string? KeyFor(string sessionKey, LaneMessage message) =>
        string.IsNullOrWhiteSpace(message.MessageId) ? null : $"{sessionKey}\u0000{message.RouteKey}\u0000{message.MessageId.Trim()}";

    public bool Contains(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry)) return false;
            if (time.GetElapsedTime(entry.At) < Ttl) return true;
            _entries.Remove(key);
            return false;
        }
    }

    public void Record(string key, LaneMessage owner)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _entries[key] = (now, owner);
            _order.Enqueue((key, now));
            while (_order.TryPeek(out var oldest)
                   && (_entries.Count > MaxSize || time.GetElapsedTime(oldest.At) >= Ttl || !IsCurrent(oldest)))
            {
                _order.Dequeue();
                if (IsCurrent(oldest)) _entries.Remove(oldest.Key);
            }
        }
    }

    /// <summary>Forgets the id if it still belongs to <paramref name="owner"/>.</summary>
    public void Release(string key, LaneMessage owner)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Owner, owner))
            {
                _entries.Remove(key);
            }
        }
    }

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    private bool IsCurrent((string Key, long At) item) => _entries.TryGetValue(item.Key, out var e) && e.At == item.At;
}
