using System.Text.Json.Nodes;

namespace Pincer.Config.Defaults;

/// <summary>
/// The defaults the reference materialises in <c>config.get</c>: a few structural ones already in
/// <c>sourceConfig</c>/<c>resolved</c>, and the runtime ones in <c>runtimeConfig</c>/<c>config</c>.
/// Values the user set always win; only missing keys are filled. Inputs are never mutated.
/// </summary>
public static class ConfigDefaults
{
    /// <summary>The agent an empty roster gets.</summary>
    public const string DefaultAgentId = "main";

    // (path, value) pairs filled when absent, in the order the reference adds them.
    private static readonly (string[] Path, Func<JsonNode> Value)[] RuntimeDefaults =
    [
        (["agents", "defaults", "maxConcurrent"], () => JsonValue.Create(8)),
        (["agents", "defaults", "subagents", "maxConcurrent"], () => JsonValue.Create(8)),
        (["agents", "defaults", "subagents", "archiveAfterMinutes"], () => JsonValue.Create(60)),
        (["agents", "defaults", "compaction", "mode"], () => JsonValue.Create("safeguard")),
        (["commands", "native"], () => JsonValue.Create("auto")),
        (["commands", "nativeSkills"], () => JsonValue.Create("auto")),
        (["commands", "restart"], () => JsonValue.Create(true)),
        (["messages", "ackReactionScope"], () => JsonValue.Create("group-mentions")),
    ];

    /// <summary><c>sourceConfig</c>/<c>resolved</c>: an empty or missing roster gains <c>agents.entries.main: {}</c>.</summary>
    public static JsonNode ApplySourceDefaults(JsonNode? config)
    {
        var root = config is JsonObject o ? o.DeepClone().AsObject() : [];
        var agents = Ensure(root, "agents");
        if (agents is null)
        {
            return root;
        }

        if (agents["entries"] is not JsonObject entries || entries.Count == 0)
        {
            agents["entries"] = new JsonObject { [DefaultAgentId] = new JsonObject() };
        }

        return root;
    }

    /// <summary><c>runtimeConfig</c>/<c>config</c>: source defaults plus the runtime fills.</summary>
    public static JsonNode ApplyRuntimeDefaults(JsonNode? config)
    {
        var root = ApplySourceDefaults(config).AsObject();
        foreach (var (path, value) in RuntimeDefaults)
        {
            JsonObject? parent = root;
            for (var i = 0; i < path.Length - 1 && parent is not null; i++)
            {
                parent = Ensure(parent, path[i]);
            }

            // A non-object where an object belongs is the validator's problem, not ours.
            if (parent is not null && !parent.ContainsKey(path[^1]))
            {
                parent[path[^1]] = value();
            }
        }

        return root;
    }

    private static JsonObject? Ensure(JsonObject parent, string key)
    {
        if (!parent.TryGetPropertyValue(key, out var existing))
        {
            var created = new JsonObject();
            parent[key] = created;
            return created;
        }

        return existing as JsonObject;
    }
}
