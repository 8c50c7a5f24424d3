using Pincer.Gateway.Sessions;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The stored transcripts of recently run sessions, as read from the store, so a turn reads and parses only what
/// was appended since its session's previous turn instead of the whole log. A cached log is reused only while the
/// store still holds its last entry at the same position (same seq, time and id) under the same rewrite generation;
/// anything else — a rewrite, a delete, a log that shrank — reads the log from scratch. Bounded by the total number of entries held, the least
/// recently used logs evicted first, so memory stays flat however many sessions run.
/// </summary>
internal sealed class TranscriptHistoryCache
{
    /// <summary>Entries held over all cached logs; a log longer than this is read whole every turn.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Logs held at most.</summary>
    public const int MaxLogs = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Database, string SessionId), LinkedListNode<Item>> _items = [];
    private readonly LinkedList<Item> _recent = new();
    private long _held;

    /// <summary>How many entries are held; for tests.</summary>
    internal long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>
    /// The whole stored log of <paramref name="sessionId"/>, oldest first (the caller owns the list), with the
    /// transcript's watermark read alongside.
    /// </summary>
    public async Task<(List<StoredTranscriptEntry> Log, TranscriptWatermark Watermark)> ReadAllAsync(AgentStore store, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var key = (store.Database.Path, sessionId);
        var watermarkRead = TranscriptWatermark.ReadAsync(store.Database, sessionId, cancellationToken);
        List<StoredTranscriptEntry>? log = null;
        if (Take(key) is { } cached)
        {
            var last = cached.Log[^1];
            var tail = await store.Transcripts.ReadFromAsync(sessionId, last.Seq, cancellationToken).ConfigureAwait(false);
            var watermark = await watermarkRead.ConfigureAwait(false);
            if (watermark.Generation == cached.Generation && tail.Count > 0 && SameEntry(tail[0], last))
            {
                log = cached.Log;
                for (var i = 1; i < tail.Count; i++)
                {
                    log.Add(tail[i]);
                }
            }
        }

        log ??= [.. await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false)];
        var current = await watermarkRead.ConfigureAwait(false);
        if (current.Generation is { } generation)
        {
            Keep(key, log, generation);
        }

        return ([.. log], current);
    }

    private static bool SameEntry(StoredTranscriptEntry stored, StoredTranscriptEntry cached) =>
        stored.Seq == cached.Seq && stored.CreatedAtMs == cached.CreatedAtMs && stored.Entry.Id == cached.Entry.Id && stored.Entry.Type == cached.Entry.Type;

    /// <summary>Removes and returns the cached log: while a turn extends it, no other reader shares it.</summary>
    private Item? Take((string, string) key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var node))
            {
                return null;
            }

            _recent.Remove(node);
            _held -= node.Value.Log.Count;
            return node.Value;
        }
    }

    private void Keep((string, string) key, List<StoredTranscriptEntry> log, string generation)
    {
        if (log.Count == 0 || log.Count > MaxEntries)
        {
            return;
        }

        lock (_gate)
        {
            if (_items.Remove(key, out var stale))
            {
                _recent.Remove(stale);
                _held -= stale.Value.Log.Count;
            }

            var node = _recent.AddFirst(new Item(key, log, generation));
            _items[key] = node;
            _held += log.Count;
            while ((_held > MaxEntries || _recent.Count > MaxLogs) && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _items.Remove(oldest.Value.Key);
                _held -= oldest.Value.Log.Count;
            }
        }
    }

    private sealed record Item((string Database, string SessionId) Key, List<StoredTranscriptEntry> Log, string Generation);
}
