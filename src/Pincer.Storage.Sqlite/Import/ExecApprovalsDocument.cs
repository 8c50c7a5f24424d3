using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// The reference's parse-and-normalise of an exec approvals document before it is stored: its schema
/// puts known keys first in schema order (unknown ones after, in file order), drops legacy
/// <c>null</c> usage stamps, turns bare-string allowlist entries into <c>{pattern}</c>, gives entries
/// without one a new id, drops <c>commandText</c>, folds a legacy <c>default</c> agent into <c>main</c>,
/// and rebuilds the top level as <c>{version:1, socket:{path?,token?}, defaults:{…}, agents}</c>.
/// Returns null for a document the reference would refuse (it is then kept for repair).
/// </summary>
internal static class ExecApprovalsDocument
{
    private static readonly string[] PolicyKeys = ["security", "ask", "askFallback", "autoAllowSkills"];
    private static readonly string[] AgentKeys = [.. PolicyKeys, "allowlist", "mcpTools"];
    private static readonly string[] EntryKeys = ["pattern", "id", "source", "commandText", "argPattern", "lastUsedAt", "lastUsedCommand", "lastResolvedPath"];
    private static readonly string[] Security = ["allowlist", "full", "deny"];
    private static readonly string[] Ask = ["always", "off", "on-miss"];

    public static JsonObject? Normalize(JsonObject raw)
    {
        if (raw["version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 1)
        {
            return null;
        }

        var socket = raw["socket"];
        var defaults = raw["defaults"];
        if (socket is not (null or JsonObject) || defaults is not (null or JsonObject) || raw["agents"] is not (null or JsonObject))
        {
            return null;
        }

        if (defaults is JsonObject d && !ValidPolicy(d))
        {
            return null;
        }

        var agents = new JsonObject();
        foreach (var (id, node) in raw["agents"] as JsonObject ?? [])
        {
            if (node is not JsonObject agent || !ValidPolicy(agent) || NormalizeAgent(agent) is not { } normalized)
            {
                return null;
            }

            agents[id] = normalized;
        }

        if (agents["default"] is JsonObject legacyDefault)
        {
            agents.Remove("default");
            agents["main"] = agents["main"] is JsonObject main ? MergeLegacyAgent(main, legacyDefault) : legacyDefault;
        }

        var newSocket = new JsonObject();
        foreach (var key in new[] { "path", "token" })
        {
            if (Text((socket as JsonObject)?[key]) is { } value)
            {
                newSocket[key] = value;
            }
        }

        var newDefaults = new JsonObject();
        foreach (var key in PolicyKeys)
        {
            if ((defaults as JsonObject)?[key] is { } value)
            {
                newDefaults[key] = value.DeepClone();
            }
        }

        return new JsonObject { ["version"] = 1, ["socket"] = newSocket, ["defaults"] = newDefaults, ["agents"] = agents };
    }

    private static JsonObject? NormalizeAgent(JsonObject agent)
    {
        var ordered = Ordered(agent, AgentKeys);
        if (ordered["allowlist"] is JsonNode list)
        {
            if (list is not JsonArray entries)
            {
                return null;
            }

            var normalized = new JsonArray();
            foreach (var entry in entries)
            {
                switch (entry)
                {
                    case JsonValue text when Text(text) is { } pattern:
                        normalized.Add((JsonNode)new JsonObject { ["pattern"] = pattern, ["id"] = Guid.NewGuid().ToString() });
                        break;
                    case JsonObject obj when Text(obj["pattern"]) is not null:
                        var clean = (JsonObject)obj.DeepClone();
                        foreach (var stamp in new[] { "lastUsedAt", "lastUsedCommand" })
                        {
                            if (clean.ContainsKey(stamp) && clean[stamp] is null)
                            {
                                clean.Remove(stamp);
                            }
                        }

                        if (clean["lastUsedAt"] is JsonNode used && (used is not JsonValue v || v.GetValueKind() != JsonValueKind.Number))
                        {
                            return null;
                        }

                        var e = Ordered(clean, EntryKeys);
                        e.Remove("commandText");
                        if (e["id"] is null)
                        {
                            e["id"] = Guid.NewGuid().ToString();
                        }

                        normalized.Add((JsonNode)e);
                        break;
                    default:
                        return null;
                }
            }

            ordered["allowlist"] = normalized;
        }

        return ordered;
    }

    /// <summary>The legacy <c>default</c> agent under <c>main</c>: main's settings win, allowlists merge without duplicate patterns.</summary>
    private static JsonObject MergeLegacyAgent(JsonObject current, JsonObject legacy)
    {
        var merged = (JsonObject)legacy.DeepClone();
        foreach (var (key, value) in current)
        {
            merged[key] = value?.DeepClone();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var allowlist = new JsonArray();
        foreach (var entry in (current["allowlist"] as JsonArray ?? []).Concat(legacy["allowlist"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(entry["pattern"])?.ToLowerInvariant() is { } pattern && seen.Add($"{pattern}\0{Text(entry["argPattern"]) ?? ""}"))
            {
                allowlist.Add((JsonNode?)entry.DeepClone());
            }
        }

        if (allowlist.Count > 0)
        {
            merged["allowlist"] = allowlist;
        }
        else
        {
            merged.Remove("allowlist");
        }

        return merged;
    }

    private static bool ValidPolicy(JsonObject policy) =>
        Enum(policy["security"], Security) && Enum(policy["ask"], Ask) && Enum(policy["askFallback"], Security)
        && (policy["autoAllowSkills"] is null || policy["autoAllowSkills"]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

    private static bool Enum(JsonNode? node, string[] allowed) =>
        node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && allowed.Contains(value.GetValue<string>()));

    /// <summary>Known keys first in schema order, then the rest in their original order.</summary>
    private static JsonObject Ordered(JsonObject source, string[] known)
    {
        var ordered = new JsonObject();
        foreach (var key in known.Where(source.ContainsKey))
        {
            ordered[key] = source[key]?.DeepClone();
        }

        foreach (var (key, value) in source.Where(p => !known.Contains(p.Key)))
        {
            ordered[key] = value?.DeepClone();
        }

        return ordered;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;
}
