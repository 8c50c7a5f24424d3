using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// Deterministic rewrites of retired shapes the reference applies before validating, reported
/// as warnings (the migrated config is what gets validated).
/// </summary>
internal static class LegacyMigrations
{
    public static JsonNode? Apply(JsonNode? config, List<ConfigIssue> warnings)
    {
        if (config is not JsonObject root || root["agents"] is not JsonObject agents || agents["list"] is not JsonArray list)
        {
            return config;
        }

        if (agents.ContainsKey("entries") || list.Any(item => item is not JsonObject o || o["id"] is not JsonValue id || !id.TryGetValue<string>(out _)))
        {
            // Ambiguous: leave it for the schema to reject.
            return config;
        }

        var migrated = root.DeepClone().AsObject();
        var migratedAgents = migrated["agents"]!.AsObject();
        var entries = new JsonObject();
        var hadDefaultMarker = false;
        string? markedId = null;
        foreach (var item in migratedAgents["list"]!.AsArray().Select(i => i!.AsObject()))
        {
            var id = item["id"]!.GetValue<string>();
            var entry = new JsonObject();
            foreach (var (key, value) in item)
            {
                if (key == "id")
                {
                    continue;
                }

                if (key == "default")
                {
                    hadDefaultMarker = true;
                    if (markedId is null && value is JsonValue v && v.TryGetValue<bool>(out var isDefault) && isDefault)
                    {
                        markedId = id;
                    }

                    continue;
                }

                entry[key] = value?.DeepClone();
            }

            entries[id] = entry;
        }

        migratedAgents.Remove("list");
        migratedAgents["entries"] = entries;
        warnings.Add(new ConfigIssue("agents.entries", "agents.list was rewritten as keyed agents.entries."));
        if (markedId is not null && entries.Count > 1)
        {
            // The retired marker chose the agent every surface fell back to; the reference keeps that choice as
            // explicit per-surface owners (system work and heartbeats), which is its "legacy" ownership.
            var defaults = migratedAgents["defaults"] as JsonObject ?? [];
            migratedAgents["defaults"] = defaults;
            foreach (var surface in (string[])["systemAgent", "heartbeat"])
            {
                var owner = defaults[surface] as JsonObject ?? [];
                owner["agentId"] ??= markedId;
                defaults[surface] = owner;
            }

            warnings.Add(new ConfigIssue("agents.entries", "The default marker became per-surface owners (agents.defaults.systemAgent, agents.defaults.heartbeat)."));
        }

        if (hadDefaultMarker)
        {
            warnings.Add(new ConfigIssue("agents.entries", "Dropped the retired default marker from agent entries."));
        }

        return migrated;
    }
}
