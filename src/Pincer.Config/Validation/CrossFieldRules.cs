using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// Rules the schema cannot express (the reference's refinements). Paths and verdicts match the
/// reference; the wording is ours.
/// </summary>
internal static class CrossFieldRules
{
    public static IEnumerable<ConfigIssue> Check(JsonObject config)
    {
        if (config["agents"] is JsonObject agents)
        {
            foreach (var issue in AgentRoster(agents))
            {
                yield return issue;
            }

            if (agents["entries"] is JsonObject entries)
            {
                foreach (var (id, entry) in entries)
                {
                    if (entry is JsonObject e && e["tools"] is JsonObject agentTools && ToolScope(agentTools, $"agents.entries.{id}.tools") is { } issue)
                    {
                        yield return issue;
                    }
                }
            }
        }

        if (config["tools"] is JsonObject tools)
        {
            if (ToolScope(tools, "tools") is { } issue)
            {
                yield return issue;
            }

            if (tools["byProvider"] is JsonObject byProvider)
            {
                foreach (var (key, scope) in byProvider)
                {
                    if (scope is JsonObject s && ToolScope(s, $"tools.byProvider.{key}") is { } scoped)
                    {
                        yield return scoped;
                    }
                }
            }
        }
    }

    /// <summary>Channel ids the schema does not know are plugin-owned; without that plugin they are errors.</summary>
    public static IEnumerable<ConfigIssue> UnknownChannels(JsonObject config, JsonObject schema)
    {
        if (config["channels"] is not JsonObject channels
            || schema["properties"]?["channels"]?["properties"] is not JsonObject known)
        {
            yield break;
        }

        foreach (var (id, _) in channels)
        {
            if (!known.ContainsKey(id))
            {
                yield return new ConfigIssue($"channels.{id}", $"unknown channel id: {id}");
            }
        }
    }

    /// <summary>Entries for plugins this build does not ship are ignored with a warning, not rejected.</summary>
    public static IEnumerable<ConfigIssue> StalePluginEntries(JsonObject config, JsonObject schema)
    {
        if (config["plugins"]?["entries"] is not JsonObject entries
            || schema["properties"]?["plugins"]?["properties"]?["entries"]?["properties"] is not JsonObject known)
        {
            yield break;
        }

        foreach (var (id, _) in entries)
        {
            if (!known.ContainsKey(id))
            {
                yield return new ConfigIssue($"plugins.entries.{id}", $"no plugin named {id} is installed; this entry is ignored");
            }
        }
    }

    private static IEnumerable<ConfigIssue> AgentRoster(JsonObject agents)
    {
        if (agents["entries"] is not JsonObject entries)
        {
            yield break;
        }

        var marked = entries.Count(e => e.Value is JsonObject o && o["default"] is JsonValue d && d.TryGetValue<bool>(out var b) && b);
        var explicitOwnership = agents["ownership"] is JsonValue own && own.TryGetValue<string>(out var s) && s == "explicit";
        if (explicitOwnership && marked > 0)
        {
            yield return new ConfigIssue("agents.ownership", "explicit ownership cannot be mixed with a default=true agent marker");
        }

        var legacyOwner = agents["defaults"]?["systemAgent"]?["agentId"] is JsonValue owner && owner.TryGetValue<string>(out _);
        if (entries.Count > 1 && marked == 0 && !explicitOwnership && !legacyOwner)
        {
            yield return new ConfigIssue("agents.ownership", "more than one agent needs agents.ownership=\"explicit\" (or run openclaw doctor)");
        }
    }

    private static ConfigIssue? ToolScope(JsonObject scope, string path) =>
        scope.ContainsKey("allow") && scope.ContainsKey("alsoAllow")
            ? new ConfigIssue(path, "allow and alsoAllow are mutually exclusive within one tools scope")
            : null;
}
