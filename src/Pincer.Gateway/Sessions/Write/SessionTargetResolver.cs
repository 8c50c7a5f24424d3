using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// Resolves the agent a session request addresses (explicit <c>agentId</c>, else the key's
/// <c>agent:&lt;id&gt;:</c> head, else the default agent) against the configured agents, and scopes
/// the key to it. Also knows where an agent's workspace is, which new sessions record as their root.
/// </summary>
internal sealed class SessionTargetResolver(ConfigState config, GatewayRuntime runtime)
{
    public JsonObject Config => config.Current.Resolved;

    /// <summary>
    /// The target, or throws the reference's refusal: an explicit <paramref name="agentIdParam"/> must be a
    /// configured agent and agree with the key's own <c>agent:&lt;id&gt;:</c> head; a key's head alone is
    /// trusted (an unconfigured agent's store is addressed as is).
    /// </summary>
    public SessionTarget Resolve(string? key, string? agentIdParam)
    {
        var cfg = Config;
        var explicitAgent = JsText.TrimToNull(agentIdParam);
        if (explicitAgent is not null && !AgentIds(cfg).Contains(AgentId.NormalizeValue(explicitAgent), StringComparer.Ordinal))
        {
            throw new RpcException(RpcError.InvalidRequest($"Unknown agent id \"{agentIdParam}\""));
        }

        var keyAgent = SessionKeys.ParseAgent(key)?.AgentId is { } head ? AgentId.NormalizeValue(head) : null;
        if (explicitAgent is not null && keyAgent is not null && keyAgent != AgentId.NormalizeValue(explicitAgent))
        {
            throw new RpcException(RpcError.InvalidRequest($"agent \"{agentIdParam}\" does not match session key agent \"{keyAgent}\""));
        }

        var agentId = keyAgent ?? (explicitAgent is null ? DefaultAgentId(cfg) : AgentId.NormalizeValue(explicitAgent));
        var mainKey = MainKey(cfg);
        return new SessionTarget(agentId, SessionKeys.ToStoreKey(agentId, key, mainKey), SessionKeys.BuildAgentMain(agentId, mainKey));
    }

    /// <summary>The agent's workspace: its own <c>workspace</c>; the defaults' for the default agent and <c>&lt;defaults&gt;/&lt;id&gt;</c> for others; else <c>STATE/workspace[-id]</c>.</summary>
    public string WorkspaceDir(string agentId)
    {
        var cfg = Config;
        if (AgentEntries(cfg).FirstOrDefault(e => AgentId.NormalizeValue(Str(e, "id") ?? string.Empty) == agentId) is { } entry && Str(entry, "workspace") is { } own)
        {
            return Expand(own);
        }

        if (agentId == DefaultAgentId(cfg))
        {
            return Str(cfg["agents"]?["defaults"] as JsonObject, "workspace") is { } shared ? Expand(shared) : Path.Combine(runtime.StateDir, "workspace");
        }

        // Other agents live under the shared workspace when one is configured (as the reference places them).
        return Str(cfg["agents"]?["defaults"] as JsonObject, "workspace") is { } root
            ? Path.Combine(Expand(root), agentId)
            : Path.Combine(runtime.StateDir, $"workspace-{agentId}");
    }

    /// <summary>The agent's own config entry (<c>agents.list[]</c> or <c>agents.entries</c>), if it has one.</summary>
    public JsonObject? AgentEntry(string agentId) =>
        AgentEntries(Config).FirstOrDefault(e => AgentId.NormalizeValue(Str(e, "id") ?? string.Empty) == agentId);

    /// <summary>
    /// How the roster is owned: <c>sole</c> for one agent, <c>explicit</c> when the config says so, <c>legacy</c> when a
    /// retired default marker was turned into per-surface owners.
    /// </summary>
    public static string Ownership(JsonObject cfg)
    {
        if (Str(cfg["agents"] as JsonObject, "ownership") == "explicit")
        {
            return "explicit";
        }

        var entries = AgentEntries(cfg).ToList();
        var legacyOwner = Str(cfg["agents"]?["defaults"]?["systemAgent"] as JsonObject, "agentId") is not null
            || entries.Any(e => e["default"] is JsonValue v && v.TryGetValue<bool>(out var marked) && marked);
        return entries.Count > 1 && legacyOwner ? "legacy" : "sole";
    }

    public static string DefaultAgentId(JsonObject cfg)
    {
        if (Str(cfg["agents"]?["defaults"]?["systemAgent"] as JsonObject, "agentId") is { } owner)
        {
            return AgentId.NormalizeValue(owner);
        }

        var entries = AgentEntries(cfg).ToList();
        var marked = entries.FirstOrDefault(e => e["default"] is JsonValue v && v.TryGetValue<bool>(out var b) && b) ?? entries.FirstOrDefault();
        return marked is not null && Str(marked, "id") is { } id ? AgentId.NormalizeValue(id) : "main";
    }

    private static IReadOnlyList<string> AgentIds(JsonObject cfg)
    {
        var ids = AgentEntries(cfg).Select(e => Str(e, "id")).OfType<string>().Select(AgentId.NormalizeValue).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count > 0 ? ids : ["main"];
    }

    private static IEnumerable<JsonObject> AgentEntries(JsonObject cfg)
    {
        var agents = cfg["agents"] as JsonObject;
        if (agents?["list"] is JsonArray list)
        {
            return list.OfType<JsonObject>();
        }

        if (agents?["entries"] is JsonObject keyed)
        {
            return keyed.Select(kv => kv.Value is JsonObject o ? WithId(o, kv.Key) : null).OfType<JsonObject>();
        }

        return [];
    }

    private static JsonObject WithId(JsonObject entry, string key)
    {
        if (entry.ContainsKey("id"))
        {
            return entry;
        }

        var copy = (JsonObject)entry.DeepClone();
        copy["id"] = key;
        return copy;
    }

    private static string? MainKey(JsonObject cfg) => Str(cfg["session"] as JsonObject, "mainKey");

    private static string Expand(string path) =>
        path.StartsWith('~') ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/')) : path;

    private static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? JsText.TrimToNull(s) : null;
}
