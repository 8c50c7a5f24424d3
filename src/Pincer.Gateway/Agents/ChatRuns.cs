using System.Collections.Concurrent;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Runs by id while they are queued or running, and their results for a while after, so <c>agent.wait</c> can
/// answer for a run that already ended and a duplicate <c>chat.send</c> sees the run in flight.
/// </summary>
internal sealed class ChatRuns(TimeProvider time)
{
    /// <summary>How long an ended run stays answerable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, ChatRun> _runs = new(StringComparer.Ordinal);

    /// <summary>Registers a new run, or returns the live one with the same id (<c>Added</c> false).</summary>
    public (ChatRun Run, bool Added) Register(ChatRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Prune();
        while (true)
        {
            if (_runs.TryAdd(run.RunId, run))
            {
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
                    return (run, true);
                }
            }
        }
    }

    public ChatRun? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    /// <summary>Live runs of a session, oldest first.</summary>
    public IReadOnlyList<ChatRun> Active(string sessionKey) =>
        [.. _runs.Values.Where(r => !r.IsEnded && r.SessionKey == sessionKey).OrderBy(r => r.AcceptedAtMs)];

    private void Prune()
    {
        var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Retention.TotalMilliseconds;
        foreach (var (id, run) in _runs)
        {
            if (run.IsEnded && run.Ended.Result.EndedAtMs < cutoff)
            {
                _runs.TryRemove(new KeyValuePair<string, ChatRun>(id, run));
            }
        }
    }
}
