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

    public static IReadOnlyList<string>? For(string key, IEnumerable<SessionRecord> store, long nowMs)
    {
        var children = store
            .Where(r => r.SessionKey != key && Owners(r).Contains(key) && Keep(r.Entry, nowMs))
            .Select(r => r.SessionKey)
            .Order(StringComparer.Ordinal)
            .ToList();
        return children.Count > 0 ? children : null;
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
