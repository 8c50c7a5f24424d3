using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Roster;

/// <summary>
/// The configured agents as routing needs them: which ids exist, and who owns messages no binding
/// claims. Reads <c>agents.entries</c> (keyed) or <c>agents.list</c>, <c>agents.ownership</c>,
/// <c>agents.defaults.systemAgent.agentId</c> and the legacy <c>default: true</c> marker.
/// </summary>
internal sealed class AgentRoster
{
    private readonly Dictionary<string, string> _byNormalizedId;
    private readonly string? _rawLegacyDefault;
    private readonly string? _soleAgentId;
    private readonly string? _systemAgentId;

    private AgentRoster(
        Dictionary<string, string> byNormalizedId,
        IReadOnlyList<string> configuredIds,
        IReadOnlyList<string> agentIds,
        string? rawLegacyDefault,
        string? soleAgentId,
        string? compatibilityAgentId,
        string? systemAgentId)
    {
        _systemAgentId = systemAgentId;
        _byNormalizedId = byNormalizedId;
        ConfiguredIds = configuredIds;
        AgentIds = agentIds;
        _rawLegacyDefault = rawLegacyDefault;
        _soleAgentId = soleAgentId;
        CompatibilityAgentId = compatibilityAgentId;
    }

    /// <summary>Canonical ids of entries that have an id, first occurrence order (what a refusal lists).</summary>
    public IReadOnlyList<string> ConfiguredIds { get; }

    /// <summary>Unique canonical ids; <c>main</c> alone when there is no roster at all.</summary>
    public IReadOnlyList<string> AgentIds { get; }

    /// <summary>The owner of unclaimed messages when one is recorded or obvious (sole agent, marked default).</summary>
    public string? CompatibilityAgentId { get; }

    /// <param name="retainedLegacyDefaultAgentId">
    /// A legacy default owner the config loader carried over from a migrated config (the reference keeps it
    /// beside the config object, not in it).
    /// </param>
    public static AgentRoster FromConfig(JsonNode? config, string? retainedLegacyDefaultAgentId)
    {
        var agents = ConfigJson.Object(config, "agents");
        var (hasRoster, entries) = ReadEntries(agents);

        var byNormalizedId = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuredIds = new List<string>();
        foreach (var entry in entries)
        {
            var rawId = entry.Id is null ? string.Empty : JsText.Trim(entry.Id);
            if (rawId.Length == 0)
            {
                continue;
            }

            var id = AgentId.NormalizeValue(rawId);
            if (byNormalizedId.TryAdd(id, id))
            {
                configuredIds.Add(id);
            }
        }

        var agentIds = new List<string>();
        if (entries.Count == 0 && !hasRoster)
        {
            agentIds.Add(AgentId.DefaultValue);
        }
        else
        {
            foreach (var entry in entries)
            {
                var id = AgentId.NormalizeValue(entry.Id);
                if (!agentIds.Contains(id))
                {
                    agentIds.Add(id);
                }
            }
        }

        var explicitOwnership = ConfigJson.String(ConfigJson.Property(agents, "ownership")) == "explicit";
        string? rawLegacyDefault = null;
        if (!explicitOwnership)
        {
            var marked = entries.Where(e => e.MarkedDefault).ToList();
            rawLegacyDefault = marked.Count == 1 ? AgentId.NormalizeValue(marked[0].Id) : null;
        }

        var sole = entries.Count switch
        {
            0 => hasRoster ? null : AgentId.DefaultValue,
            1 => AgentId.NormalizeValue(entries[0].Id),
            _ => null,
        };

        var systemAgent = ConfigJson.Object(ConfigJson.Object(agents, "defaults"), "systemAgent");
        var recorded = JsText.TrimToNull(ConfigJson.String(ConfigJson.Property(systemAgent, "agentId")));
        var systemAgentId = recorded is null ? null : AgentId.NormalizeValue(recorded);
        string? compatibility;
        if (explicitOwnership)
        {
            var id = systemAgentId;
            compatibility = id is not null && agentIds.Contains(id) ? id : null;
        }
        else
        {
            var retained = string.IsNullOrEmpty(retainedLegacyDefaultAgentId) ? null : AgentId.NormalizeValue(retainedLegacyDefaultAgentId);
            compatibility = retained is not null && agentIds.Contains(retained) ? retained : rawLegacyDefault ?? sole;
        }

        return new AgentRoster(byNormalizedId, configuredIds, agentIds, rawLegacyDefault, sole, compatibility, systemAgentId);
    }

    /// <summary>The configured id a binding's <c>agentId</c> names; unknown ids are refused once a roster exists.</summary>
    public Resolution PickExisting(string? agentId)
    {
        var trimmed = JsText.Trim(agentId ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return CompatibilityAgentId is { } compat
                ? Resolution.Of(compat)
                : ResolveDefault("agent lookup", "Pass an explicit agent id instead of relying on an implicit route.").Then(AgentId.NormalizeValue);
        }

        var normalized = AgentId.NormalizeValue(trimmed);
        if (_byNormalizedId.TryGetValue(normalized, out var resolved))
        {
            return Resolution.Of(resolved);
        }

        if (normalized == AgentId.DefaultValue)
        {
            return Resolution.Of(AgentId.DefaultValue);
        }

        return _byNormalizedId.Count == 0
            ? Resolution.Of(normalized)
            : Resolution.Refuse(RouteRefusal.SelectionRequired(ConfiguredIds, "route binding", $"Update the binding agentId \"{trimmed}\" to a configured agent."));
    }

    /// <summary>The marked legacy default, else the sole agent, else a refusal naming the surface.</summary>
    public Resolution ResolveDefault(string surface, string hint)
    {
        return (_rawLegacyDefault ?? _soleAgentId) is { } owner ? Resolution.Of(owner) : RefuseWithoutSole(surface, hint);
    }

    /// <summary>
    /// The owner of ambient work (main session, system events): the requested agent, else
    /// <c>agents.defaults.systemAgent.agentId</c> (not checked against the roster), else the recorded or
    /// sole owner; several agents without one are refused.
    /// </summary>
    public Resolution ResolveAmbientOwner(string? requestedAgentId, string surface, string hint)
    {
        if ((JsText.TrimToNull(requestedAgentId) is { } requested ? AgentId.NormalizeValue(requested) : _systemAgentId) is { } explicitOwner)
        {
            return Resolution.Of(explicitOwner);
        }

        return (CompatibilityAgentId ?? _soleAgentId) is { } owner ? Resolution.Of(owner) : RefuseWithoutSole(surface, hint);
    }

    private Resolution RefuseWithoutSole(string surface, string hint)
        => AgentIds.Count == 0 ? Resolution.Refuse(RouteRefusal.NoAgents()) : Resolution.Refuse(RouteRefusal.SelectionRequired(AgentIds, surface, hint));

    private static (bool HasRoster, List<RosterEntry> Entries) ReadEntries(JsonObject? agents)
    {
        var entries = new List<RosterEntry>();
        if (agents is null)
        {
            return (false, entries);
        }

        // An own `entries` property wins over `list`, even when it holds something unusable.
        if (agents.TryGetPropertyValue("entries", out var keyed))
        {
            if (keyed is JsonObject keyedEntries)
            {
                foreach (var (key, value) in ConfigJson.OrderedProperties(keyedEntries))
                {
                    if (value is JsonObject entry)
                    {
                        entries.Add(new RosterEntry(key, ConfigJson.IsTrue(ConfigJson.Property(entry, "default"))));
                    }
                }
            }

            return (true, entries);
        }

        if (!agents.TryGetPropertyValue("list", out var list))
        {
            return (false, entries);
        }

        if (list is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject entry)
                {
                    entries.Add(new RosterEntry(ConfigJson.String(ConfigJson.Property(entry, "id")), ConfigJson.IsTrue(ConfigJson.Property(entry, "default"))));
                }
                else if (item is JsonArray)
                {
                    entries.Add(new RosterEntry(null, false));
                }
            }
        }

        return (true, entries);
    }

    private sealed record RosterEntry(string? Id, bool MarkedDefault);
}
