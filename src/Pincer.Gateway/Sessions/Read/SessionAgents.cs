using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The agent ids the session reads care about, straight from <c>agents.list</c>: the configured ids
/// (<c>main</c> alone when there is no roster) and the default agent (the entry marked
/// <c>default:true</c>, else the first, else <c>main</c>) that owns bare session keys.
/// </summary>
internal sealed record SessionAgents(IReadOnlyList<string> Ids, string DefaultId)
{
    public static SessionAgents FromConfig(JsonNode? config)
    {
        var entries = (config?["agents"]?["list"] as JsonArray)?.OfType<JsonObject>()
            .Select(e => (Id: e["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? AgentId.NormalizeValue(s) : null,
                          Default: e["default"] is JsonValue d && d.TryGetValue<bool>(out var b) && b))
            .Where(e => e.Id is not null)
            .ToList() ?? [];
        if (entries.Count == 0)
        {
            return new SessionAgents([AgentId.DefaultValue], AgentId.DefaultValue);
        }

        var ids = entries.Select(e => e.Id!).Distinct(StringComparer.Ordinal).ToList();
        var defaultId = entries.FirstOrDefault(e => e.Default).Id ?? ids[0];
        return new SessionAgents(ids, defaultId);
    }

    public bool IsConfigured(string agentId) => Ids.Contains(AgentId.NormalizeValue(agentId));
}
