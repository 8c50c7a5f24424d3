using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Routing;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions;

/// <summary>
/// The <c>sessions</c> block of the <c>status</c> answer: counts per configured agent always; paths,
/// model defaults and the ten most recent sessions only for callers allowed to see them (admins),
/// as the reference redacts them for everyone else. Stores that do not exist yet are not created.
/// </summary>
internal sealed class StatusSessionsSummary(AgentStores stores, TimeProvider time)
{
    private const int RecentLimit = 10;

    /// <summary>The status view's context window for the built-in default model (its catalog value).</summary>
    private const long BuiltInContextWindow = 272_000;

    private const string BuiltInRuntimeLabel = "OpenAI Codex";

    public async Task<JsonObject> BuildAsync(JsonNode? config, bool includeSensitive, CancellationToken ct)
    {
        var defaults = SessionModelDefaults.FromConfig(config);
        var contextTokens = defaults.Model == SessionModelDefaults.BuiltInModel ? BuiltInContextWindow : defaults.ContextTokens ?? 200_000;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var paths = new JsonArray();
        var byAgent = new JsonArray();
        var everyone = new List<(string AgentId, SessionRecord Record)>();
        var total = 0;
        foreach (var agentId in RoutingTable.FromConfig(config).AgentIds)
        {
            var store = await stores.GetExistingAsync(agentId).ConfigureAwait(false);
            var path = store?.Path ?? Storage.Sqlite.Agents.AgentDatabase.PathFor(stores.StateDir, agentId);
            var records = store is null ? [] : await store.Sessions.ListAsync(null, ct).ConfigureAwait(false);
            total += records.Count;
            var recent = records.OrderByDescending(r => r.Entry.UpdatedAt ?? 0).Take(includeSensitive ? RecentLimit : 0).ToList();
            everyone.AddRange(recent.Select(r => (agentId, r)));
            paths.Add((JsonNode)path);
            byAgent.Add((JsonNode)new JsonObject
            {
                ["agentId"] = agentId,
                ["path"] = includeSensitive ? path : "[redacted]",
                ["count"] = records.Count,
                ["recent"] = new JsonArray([.. recent.Select(r => (JsonNode)Row(agentId, r, defaults, contextTokens, now))]),
            });
        }

        return new JsonObject
        {
            ["paths"] = includeSensitive ? paths : new JsonArray(),
            ["count"] = total,
            ["defaults"] = includeSensitive
                ? new JsonObject { ["model"] = defaults.Model, ["contextTokens"] = contextTokens }
                : new JsonObject { ["model"] = null, ["contextTokens"] = null },
            ["recent"] = new JsonArray([.. everyone
                .OrderByDescending(e => e.Record.Entry.UpdatedAt ?? 0)
                .Take(RecentLimit)
                .Select(e => (JsonNode)Row(e.AgentId, e.Record, defaults, contextTokens, now))]),
            ["byAgent"] = byAgent,
        };
    }

    /// <summary>One recent session as the reference's status summary shows it; absent entry facts stay absent.</summary>
    private static JsonObject Row(string agentId, SessionRecord record, SessionModelDefaults defaults, long contextTokens, long now)
    {
        var entry = record.Entry.Json;
        var model = record.Entry.ModelOverride ?? defaults.Model;
        var provider = record.Entry.ProviderOverride ?? defaults.Provider;
        var total = Number(entry, "totalTokens");
        long? fresh = entry["totalTokensFresh"] is JsonValue f && f.GetValueKind() == JsonValueKind.False ? null : total;
        var row = new JsonObject
        {
            ["agentId"] = agentId,
            ["key"] = record.SessionKey,
            ["kind"] = SessionRowProjector.Kind(record.SessionKey, record.Entry),
            ["sessionId"] = record.Entry.SessionId,
            ["updatedAt"] = record.Entry.UpdatedAt,
            ["age"] = record.Entry.UpdatedAt is { } at && at != 0 ? now - at : null,
        };
        foreach (var name in new[] { "thinkingLevel", "fastMode", "verboseLevel", "traceLevel", "reasoningLevel", "elevatedLevel",
                     "systemSent", "abortedLastRun", "inputTokens", "outputTokens", "cacheRead", "cacheWrite" })
        {
            if (entry[name] is { } value)
            {
                row[name] = value.DeepClone();
            }
        }

        row["totalTokens"] = total;
        row["totalTokensFresh"] = fresh is not null;
        row["remainingTokens"] = fresh is { } used ? Math.Max(0, contextTokens - used) : null;
        row["percentUsed"] = fresh is { } part && contextTokens > 0 ? Math.Min(999, (long)Math.Round(part * 100.0 / contextTokens, MidpointRounding.AwayFromZero)) : null;
        row["model"] = model;
        row["configuredModel"] = $"{defaults.Provider}/{defaults.Model}";
        row["selectedModel"] = $"{provider}/{model}";
        row["modelSelectionReason"] = null;
        row["runtime"] = BuiltInRuntimeLabel;
        row["contextTokens"] = contextTokens;
        row["flags"] = Flags(entry);
        return row;
    }

    private static JsonArray Flags(JsonObject entry)
    {
        var flags = new JsonArray();
        void Level(string field, string prefix)
        {
            if (entry[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            {
                flags.Add((JsonNode)$"{prefix}:{s}");
            }
        }

        Level("thinkingLevel", "think");
        Level("verboseLevel", "verbose");
        if (entry["fastMode"] is JsonValue fast)
        {
            if (fast.TryGetValue<string>(out var text) && text == "auto")
            {
                flags.Add((JsonNode)"fast:auto");
            }
            else if (fast.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                flags.Add((JsonNode)(fast.GetValueKind() == JsonValueKind.True ? "fast" : "fast:off"));
            }
        }

        Level("reasoningLevel", "reasoning");
        Level("elevatedLevel", "elevated");
        if (Truthy(entry["systemSent"]))
        {
            flags.Add((JsonNode)"system");
        }

        if (Truthy(entry["abortedLastRun"]))
        {
            flags.Add((JsonNode)"aborted");
        }

        if (entry["sessionId"] is JsonValue id && id.TryGetValue<string>(out var sid) && sid.Length > 0)
        {
            flags.Add((JsonNode)$"id:{sid}");
        }

        return flags;
    }

    private static bool Truthy(JsonNode? node) => SessionClassification.IsTruthy(node);

    private static long? Number(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : null;
}
