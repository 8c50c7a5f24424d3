using System.Collections.Concurrent;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Runs by id while they are queued or running, and their results for a while after, so <c>agent.wait</c> can
/// answer for a run that already ended and a duplicate <c>chat.send</c> sees the run in flight. Ended runs are
/// kept as the reference keeps its agent-run cache: up to <see cref="Retention"/> after they ended and at most
/// <see cref="MaxEnded"/> of them, the oldest evicted first.
/// </summary>
internal sealed class ChatRuns(TimeProvider time)
{
    /// <summary>How long an ended run stays answerable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>How many ended runs stay answerable at most (the reference's cache bound).</summary>
    public const int MaxEnded = 5000;

    private readonly ConcurrentDictionary<string, ChatRun> _runs = new(StringComparer.Ordinal);

    /// <summary>Ended runs in the order they ended: both bounds evict from the front, so pruning is O(evicted).</summary>
    private readonly Queue<ChatRun> _ended = new();
    private readonly Lock _endedGate = new();
    private long _endedSeen;

    /// <summary>The runs in <see cref="_ended"/>, so a run is queued once whichever path saw its end first.</summary>
    private readonly HashSet<ChatRun> _accounted = new(ReferenceEqualityComparer.Instance);

    /// <summary>Registers a new run, or returns the live one with the same id (<c>Added</c> false).</summary>
    public (ChatRun Run, bool Added) Register(ChatRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Prune();
        while (true)
        {
            if (_runs.TryAdd(run.RunId, run))
            {
                Track(run);
                return (run, true);
            }

            if (_runs.TryGetValue(run.RunId, out var existing))
            {
                if (!existing.IsEnded)
                {
                    return (existing, false);
                }

                if (_runs.TryUpdate(run.RunId, run, existing))
                {
                    Track(run);
                    return (run, true);
                }
            }
        }
    }

    public ChatRun? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    /// <summary>Live runs of a session, oldest first.</summary>
    public IReadOnlyList<ChatRun> Active(string sessionKey) =>
        [.. _runs.Values.Where(r => !r.IsEnded && r.SessionKey == sessionKey).OrderBy(r => r.AcceptedAtMs)];

    /// <summary>How many runs (live and ended) are held; for tests.</summary>
    internal int Count => _runs.Count;

    /// <summary>How many ended runs have been accounted for; for tests.</summary>
    internal long EndedSeen => Interlocked.Read(ref _endedSeen);

    private void Track(ChatRun run)
    {
        run.EndObserver = OnEnded;
        if (run.IsEnded)
        {
            // Ended before it was tracked (a run refused at once): account for it here; a second call is harmless.
            OnEnded(run);
        }
    }

    private void OnEnded(ChatRun run)
    {
        lock (_endedGate)
        {
            if (!_accounted.Add(run))
            {
                return;
            }

            _ended.Enqueue(run);
            while (_ended.Count > MaxEnded)
            {
                Evict(_ended.Dequeue());
            }
        }

        Interlocked.Increment(ref _endedSeen);
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Retention.TotalMilliseconds;
        lock (_endedGate)
        {
            while (_ended.TryPeek(out var oldest) && oldest.Ended.Result.EndedAtMs < cutoff)
            {
                Evict(_ended.Dequeue());
            }
        }
    }

    /// <summary>Drops the run unless its id was re-registered by a newer run since.</summary>
    private void Evict(ChatRun run)
    {
        _accounted.Remove(run);
        _runs.TryRemove(new KeyValuePair<string, ChatRun>(run.RunId, run));
    }
}
