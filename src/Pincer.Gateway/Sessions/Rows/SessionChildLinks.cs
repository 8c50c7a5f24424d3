using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// A row's <c>childSessions</c>: the sessions of the same store that name it as spawner or parent and
/// are still worth navigating to — running, started, ended within 30 minutes, or touched within the last
/// hour. (Sub-agent run registries, which can keep or add links, arrive with the agent loop.)
/// </summary>
internal static class SessionChildLinks
{
    private const long EndedLinkMs = 1_800_000;
    private const long StaleLinkMs = 3_600_000;

    public static IReadOnlyList<string>? For(string key, IEnumerable<SessionRecord> store, long nowMs) =>
        Index(store, nowMs).GetValueOrDefault(key);

    /// <summary>
    /// Every owner's links in one pass over the store (a page of rows looks its links up here instead
    /// of scanning the whole store once per row).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Index(IEnumerable<SessionRecord> store, long nowMs)
    {
        var byOwner = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in store)
        {
            var owners = Owners(record);
            if (owners.Count == 0 || !Keep(record.Entry, nowMs))
            {
                continue;
            }

            foreach (var owner in owners.Where(o => o != record.SessionKey))
            {
                if (!byOwner.TryGetValue(owner, out var children))
                {
                    byOwner[owner] = children = [];
                }

                children.Add(record.SessionKey);
            }
        }

        return byOwner.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)[.. pair.Value.Order(StringComparer.Ordinal)],
            StringComparer.Ordinal);
    }

    private static HashSet<string> Owners(SessionRecord record)
    {
        var owners = new HashSet<string>(StringComparer.Ordinal);
        if (JsText.TrimToNull(record.Entry.SpawnedBy) is { } spawner)
        {
            owners.Add(spawner);
        }

        if (JsText.TrimToNull(record.Entry.ParentSessionKey) is { } parent)
        {
            owners.Add(parent);
        }

        return owners;
    }

    private static bool Keep(SessionEntry entry, long nowMs)
    {
        var status = entry.Json["status"]?.ToString();
        var endedAt = Positive(entry.Json["endedAt"]);
        if (status is "done" or "failed" or "interrupted" or "killed" or "timeout" || endedAt is not null)
        {
            var ended = endedAt ?? Positive(entry.Json["updatedAt"]);
            return ended is { } e && nowMs - e <= EndedLinkMs;
        }

        return status == "running" || Positive(entry.Json["startedAt"]) is not null
            || (Positive(entry.Json["updatedAt"]) is { } updated && nowMs - updated <= StaleLinkMs);
    }

    private static double? Positive(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d > 0 ? d : null;
}
