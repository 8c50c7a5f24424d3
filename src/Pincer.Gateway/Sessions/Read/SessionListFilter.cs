using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The row filters of <c>sessions.list</c> that need no live run or people registry. Filters on profile
/// identities (<c>creatorId</c>, <c>ownerId</c>, <c>involvingMe</c>, <c>profileRelation</c>…), boards and
/// live runs (<c>activeOnly</c>, <c>spawnedBy</c> through the sub-agent registry) match as the reference
/// does when none of those exist.
/// </summary>
internal sealed partial class SessionListFilter(JsonObject p, JsonNode? config, long nowMs)
{
    private readonly string _search = JsText.TrimLower(SessionListReader.Str(p, "search"));
    private readonly string? _label = JsText.TrimToNull(SessionListReader.Str(p, "label"));
    private readonly string? _agentId = SessionListReader.Str(p, "agentId") is { } a ? AgentId.NormalizeValue(a) : null;
    private readonly string? _spawnedBy = SessionListReader.Str(p, "spawnedBy");
    private readonly long? _activeCutoff = SessionListReader.Int(p, "activeMinutes") is { } m ? nowMs - (Math.Max(1, m) * 60_000) : null;
    private readonly SessionModelDefaults _models = SessionModelDefaults.FromConfig(config);

    public bool Keep(string key, string agentId, SessionEntry entry)
    {
        var json = entry.Json;
        if (SessionKeyKinds.IsCronRun(key)
            || (SessionListReader.Bool(p, "excludeCron") == true && CronDisplayKey().IsMatch(JsText.TrimLower(key)))
            || (SessionListReader.Bool(p, "excludeSystem") == true && IsSystemCreated(key, entry))
            || (SessionListReader.Bool(p, "excludeSubagents") == true && SessionKeyKinds.IsSubagent(key))
            || (SessionListReader.Bool(p, "includeGlobal") != true && key == SessionKeys.GlobalKey)
            || (SessionListReader.Bool(p, "includeUnknown") != true && key == SessionKeys.UnknownKey))
        {
            return false;
        }

        if (_agentId is not null && key != SessionKeys.GlobalKey && AgentId.NormalizeValue(agentId) != _agentId)
        {
            return false;
        }

        if (_spawnedBy is not null && (key is SessionKeys.GlobalKey or SessionKeys.UnknownKey || !ChildOf(entry, _spawnedBy)))
        {
            return false;
        }

        var archived = json["archivedAt"] is not null;
        switch (p["archived"])
        {
            case JsonValue v when v.TryGetValue<string>(out var all) && all == "all":
                break;
            case JsonValue v when v.TryGetValue<bool>(out var wantArchived) && wantArchived:
                if (!archived)
                {
                    return false;
                }

                break;
            default:
                if (archived)
                {
                    return false;
                }

                break;
        }

        if (SessionListReader.Bool(p, "requireLastInteraction") == true
            && (entry.LastInteractionAt is not > 0 || JsText.TrimToNull(Text(json, "heartbeatIsolatedBaseSessionKey")) is not null))
        {
            return false;
        }

        if ((_label is not null && entry.Label != _label)
            || (SessionListReader.Str(p, "boardFace") is { } face && Text(json, "boardFace") != face)
            || (SessionListReader.Str(p, "projectId") is { } project && Text(json, "projectId") != project)
            || (SessionListReader.Str(p, "workspaceDir") is { } dir && (Text(json, "spawnedCwd") ?? Text(json, "spawnedWorkspaceDir")) != dir)
            || (p["group"] is not null && (entry.Category ?? string.Empty) != SessionListReader.Str(p, "group"))
            || (SessionListReader.Bool(p, "pinned") is { } pinned && (entry.PinnedAt is not null && SessionRowProjector.IsPinnable(key, entry)) != pinned)
            || (SessionListReader.Bool(p, "hasBoard") == true)
            || (SessionListReader.Bool(p, "activeOnly") == true))
        {
            return false;
        }

        if (_search.Length > 0 && !MatchesSearch(key, entry))
        {
            return false;
        }

        if (_activeCutoff is { } cutoff
            && (SessionListReader.Str(p, "sortBy") == "activity" ? SessionListOrder.ActivityTimestamp(entry) : entry.UpdatedAt ?? 0) < cutoff)
        {
            return false;
        }

        return SessionListReader.Str(p, "creatorId") is null && SessionListReader.Str(p, "ownerId") is null && p["profileRelation"] is null
            && p["involvingProfileId"] is null;
    }

    private bool MatchesSearch(string key, SessionEntry entry)
    {
        var json = entry.Json;
        var fields = new List<string?>
        {
            key, entry.Label, Text(json, "subject"), entry.SessionId, entry.Category,
            entry.DisplayName ?? entry.Label, SessionDisplayName.Resolve(key, entry), SessionRowProjector.Kind(key, entry),
        };
        AddModel(fields, entry.ModelProvider, entry.Model);

        // With no live run every session reads as idle; the assistant's default name and the resolved
        // model and runtime are searchable too.
        fields.Add("idle");
        fields.Add("Assistant");
        if (!_search.StartsWith("agent:", StringComparison.Ordinal))
        {
            var model = _models.WithOverride(entry.ProviderOverride, entry.ModelOverride);
            AddModel(fields, model.Provider, model.Model);
        }

        fields.Add(_models.WithOverride(entry.ProviderOverride, entry.ModelOverride).AgentRuntime()["id"]!.GetValue<string>());
        return fields.Any(f => f is not null && JsText.TrimLower(f).Contains(_search, StringComparison.Ordinal));
    }

    private static void AddModel(List<string?> fields, string? provider, string? model)
    {
        var pr = JsText.TrimToNull(provider);
        var mo = JsText.TrimToNull(model);
        fields.Add(pr);
        fields.Add(mo);
        if (pr is not null && mo is not null)
        {
            fields.Add($"{pr}/{mo}");
        }
    }

    /// <summary>Without a sub-agent registry a child's owner is whoever spawned it or its parent.</summary>
    private static bool ChildOf(SessionEntry entry, string owner) =>
        JsText.TrimToNull(entry.SpawnedBy) == owner || JsText.TrimToNull(entry.ParentSessionKey) == owner;

    private static bool IsSystemCreated(string key, SessionEntry entry)
    {
        if (CronDisplayKey().IsMatch(JsText.TrimLower(key)))
        {
            return false;
        }

        var actorType = entry.Json["createdActor"] is JsonObject actor ? Text(actor, "type") : null;
        if (actorType == "system")
        {
            return true;
        }

        if (entry.CreatedVia is not ("run" or "internal") || actorType == "human")
        {
            return false;
        }

        return JsText.TrimToNull(entry.Label) is null && JsText.TrimToNull(entry.DisplayName) is null && JsText.TrimToNull(Text(entry.Json, "subject")) is null;
    }

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("^(?:cron:|agent::*[^:]+:+cron:+[^:])")]
    private static partial Regex CronDisplayKey();
}
