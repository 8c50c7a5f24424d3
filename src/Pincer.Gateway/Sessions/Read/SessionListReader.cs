using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// <c>sessions.list</c>: every agent store's rows, filtered (agent, archived, label, group, pinned,
/// cron/system/sub-agent exclusion, search, activity window…), ordered (pinned first, then the chosen
/// timestamp, then key), paged, and projected with the list's <c>defaults</c>.
/// </summary>
internal sealed class SessionListReader(AgentStores stores, ConfigState config, GatewayRuntime runtime, TimeProvider time)
{
    private const int DefaultLimit = 100;

    /// <summary>Derived titles and previews are read for at most this many rows of a page.</summary>
    private const int TranscriptFieldRows = 100;

    public async Task<JsonObject> ListAsync(JsonObject p, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var cfg = config.Current.Resolved;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var requestedAgent = JsText.TrimToNull(Str(p, "agentId")) is { } a ? AgentId.NormalizeValue(a) : null;
        var agentIds = ScopeAgents(cfg, requestedAgent, Bool(p, "configuredAgentsOnly") == true);
        var paths = agentIds.Select(id => AgentDatabase.PathFor(runtime.StateDir, id)).ToList();

        var candidates = new List<(SessionRecord Record, AgentStore Store)>();
        var byStore = new Dictionary<string, List<SessionRecord>>(StringComparer.Ordinal);
        var participantsByStore = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>>(StringComparer.Ordinal);
        foreach (var agentId in agentIds)
        {
            var store = await stores.GetExistingAsync(agentId).ConfigureAwait(false);
            if (store is null)
            {
                continue;
            }

            var records = await store.Sessions.ListAsync(null, cancellationToken).ConfigureAwait(false);
            byStore[store.AgentId] = [.. records];
            participantsByStore[store.AgentId] = await SessionParticipantRows.ReadAsync(store.Database, cancellationToken).ConfigureAwait(false);
            foreach (var record in records)
            {
                candidates.Add((record, store));
            }
        }

        var filter = new SessionListFilter(p, cfg, now);
        var sortBy = Str(p, "sortBy") ?? "updatedAt";
        var filtered = candidates.Where(c => filter.Keep(c.Record.SessionKey, c.Store.AgentId, c.Record.Entry)).ToList();
        filtered.Sort((x, y) => SessionListOrder.Compare(x.Record, y.Record, sortBy));

        var limit = Int(p, "limit") is { } l ? (int)Math.Max(1, l) : DefaultLimit;
        var offset = Int(p, "offset") is { } o ? (int)Math.Max(0, o) : 0;
        var page = filtered.Skip(offset).Take(limit).ToList();
        var nextOffset = offset + page.Count;
        var hasMore = nextOffset < filtered.Count;

        var models = SessionModelDefaults.FromConfig(cfg);
        var includeTitles = Bool(p, "includeDerivedTitles") == true;
        var includeLast = Bool(p, "includeLastMessage") == true;
        var sessions = new JsonArray();
        var childIndex = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        for (var i = 0; i < page.Count; i++)
        {
            var (record, store) = page[i];
            var (title, last) = i < TranscriptFieldRows
                ? await TitleFieldsAsync(store, record, includeTitles, includeLast, cancellationToken).ConfigureAwait(false)
                : (null, null);
            sessions.Add((JsonNode)SessionRowProjector.Project(record.SessionKey, store.AgentId, record.Entry, new SessionRowOptions
            {
                Config = cfg,
                NowMs = now,
                Models = models,
                DerivedTitle = title,
                LastMessagePreview = last,
                IncludeActivitySummary = Bool(p, "includeActivitySummary") == true,
                SharingRole = SessionSharing.RoleFor(scopes, cfg),
                Participants = participantsByStore[store.AgentId].GetValueOrDefault(record.SessionKey),
                ChildSessions = (childIndex.TryGetValue(store.AgentId, out var links)
                    ? links
                    : childIndex[store.AgentId] = SessionChildLinks.Index(byStore[store.AgentId], now)).GetValueOrDefault(record.SessionKey),
            }));
        }

        var result = new JsonObject
        {
            ["ts"] = now,
            ["path"] = StorePath(paths),
            ["count"] = sessions.Count,
            ["totalCount"] = filtered.Count,
            ["limitApplied"] = limit,
        };
        if (offset > 0)
        {
            result["offset"] = offset;
        }

        result["nextOffset"] = hasMore ? nextOffset : null;
        result["hasMore"] = hasMore;
        result["owners"] = new JsonArray();
        result["defaults"] = models.ListDefaults();
        result["sessions"] = sessions;
        return result;
    }

    /// <summary>
    /// The derived title and last-message preview a row asked for (either may be null). The reference's
    /// resident rows derive the title from the entry alone (label, display name, subject); only the
    /// preview needs the transcript.
    /// </summary>
    internal static async Task<(string? Title, string? Last)> TitleFieldsAsync(AgentStore store, SessionRecord record, bool includeTitles, bool includeLast, CancellationToken cancellationToken)
    {
        var entry = record.Entry;
        var title = includeTitles ? SessionTitle.FromEntry(entry, SessionDisplayName.Resolve(record.SessionKey, entry)) : null;
        if (!includeLast || entry.SessionId is not { Length: > 0 } sessionId)
        {
            return (title, null);
        }

        var last = await TranscriptTitleFields.ReadLastMessageAsync(store.Transcripts, sessionId, cancellationToken).ConfigureAwait(false);
        return (title, last);
    }

    /// <summary>The agents whose stores the list reads: the requested one, or every configured and on-disk agent.</summary>
    private List<string> ScopeAgents(JsonNode? cfg, string? requestedAgent, bool configuredOnly)
    {
        if (requestedAgent is not null)
        {
            return [requestedAgent];
        }

        var ids = new List<string>(SessionAgents.FromConfig(cfg).Ids);
        if (!configuredOnly)
        {
            ids.AddRange(stores.AgentIdsOnDisk().Where(id => !ids.Contains(id)));
        }

        return ids;
    }

    /// <summary>One existing DB is named by its path; none or several read as <c>(multiple)</c>.</summary>
    private static string StorePath(List<string> paths)
    {
        var existing = paths.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        return existing.Count == 1 ? existing[0] : "(multiple)";
    }

    internal static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static bool? Bool(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    internal static long? Int(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)Math.Floor(d) : null;
}
