using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Usage;

/// <summary>A session <c>sessions.usage</c> reports on: its row key, owner, stored entry, transcript and the time it sorts by.</summary>
internal sealed record UsageSession(string Key, string AgentId, string SessionId, string SessionFile, SessionEntry? Entry, long UpdatedAt, IReadOnlyList<TranscriptEntry> Transcript);

/// <summary>
/// Which sessions <c>sessions.usage</c> reports on, newest first: every session of the agents in scope whose
/// transcript was written since the range's start, or the one session a <c>key</c> names (whatever its age).
/// </summary>
internal static class UsageSessionSelection
{
    public static async Task<List<UsageSession>> SelectAsync(AgentStores stores, IEnumerable<string> agentIds, string? specificKey, SessionTarget? target,
        long startMs, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(agentIds);
        var selected = new List<(UsageSession Session, long Mtime)>();
        if (specificKey is not null && target is not null)
        {
            var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
            if (store is null)
            {
                return [];
            }

            var keyRest = SessionKeyRest(target.StoreKey) ?? specificKey;
            var all = await store.Sessions.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var match = all.FirstOrDefault(r => r.SessionKey == target.StoreKey) ?? all.FirstOrDefault(r => r.SessionKey == specificKey)
                ?? all.FirstOrDefault(r => r.Entry.SessionId == keyRest);
            if (match?.Entry.SessionId is not { Length: > 0 } sessionId)
            {
                return [];
            }

            var transcript = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
            return [new UsageSession(match.SessionKey, target.AgentId, sessionId, FileMarker(target.AgentId, sessionId, store.Path), match.Entry,
                match.Entry.UpdatedAt ?? nowMs, [.. transcript.Select(t => t.Entry)])];
        }

        foreach (var agentId in agentIds)
        {
            var store = await stores.GetExistingAsync(agentId).ConfigureAwait(false);
            if (store is null)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in await store.Sessions.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (record.Entry.SessionId is not { Length: > 0 } sessionId || !seen.Add(sessionId))
                {
                    continue;
                }

                var transcript = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
                // A transcript counts from its last write: one untouched since the range began has nothing to report.
                if (transcript.Count == 0 || transcript[^1].CreatedAtMs < startMs)
                {
                    continue;
                }

                var mtime = transcript[^1].CreatedAtMs;
                selected.Add((new UsageSession(record.SessionKey, agentId, sessionId, FileMarker(agentId, sessionId, store.Path), record.Entry,
                    record.Entry.UpdatedAt ?? mtime, [.. transcript.Select(t => t.Entry)]), mtime));
            }
        }

        return [.. selected.OrderByDescending(s => s.Mtime).Select(s => s.Session).OrderByDescending(s => s.UpdatedAt)];
    }

    /// <summary>How the reference names a transcript kept in an agent database.</summary>
    private static string FileMarker(string agentId, string sessionId, string databasePath) => $"sqlite:{agentId}:{sessionId}:{Path.GetFullPath(databasePath)}";

    private static string? SessionKeyRest(string key) => Abstractions.Sessions.SessionKeys.ParseAgentParts(key)?.Rest;
}
