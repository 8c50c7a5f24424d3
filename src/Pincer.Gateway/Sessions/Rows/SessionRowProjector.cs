using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Lanes;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// Projects a stored session (key + entry) into the wire row <c>sessions.list</c>, <c>sessions.describe</c>
/// and the session events carry (the reference's <c>SessionRow</c>). Fields appear in the reference's
/// order; a field the reference leaves <c>undefined</c> is absent, never null. What needs the agent loop
/// (live runs, sub-agent registries, swarm summaries, cost estimates, plugin extensions, profile
/// identities) is projected as the reference does when none of it exists.
/// </summary>
internal static class SessionRowProjector
{
    public static JsonObject Project(string key, string agentId, SessionEntry entry, SessionRowOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        var json = entry.Json;
        var config = options.Config;
        var models = (options.Models ?? SessionModelDefaults.FromConfig(config)).WithOverride(entry.ProviderOverride, entry.ModelOverride);
        var delivery = entry.Delivery is { } d && Text(d, "kind") == "external" ? d : null;
        var context = delivery?["context"] as JsonObject;
        var origin = delivery?["origin"] as JsonObject;
        var channel = (context is null ? null : Text(context, "channel")) ?? (origin is null ? null : Text(origin, "provider")) ?? GroupChannel(key);

        var row = new JsonObject { ["key"] = key };
        row["visibility"] = json["visibility"]?.DeepClone() ?? "shared";
        Copy(row, json, "incognito", "spawnedBy", "controlOwnerSessionKey", "swarmGroupId", "spawnedWorkspaceDir", "spawnedCwd");
        Put(row, "workspaceDir", json["spawnedCwd"] ?? json["spawnedWorkspaceDir"]);
        Copy(row, json, "projectId", "permissionMode", "sandboxMode", "nativeRuntimeConsent");
        row["permissionModePending"] = false;
        if (json["permissionMode"] is not null && json["sessionRoot"] is not null)
        {
            Put(row, "sessionRoot", json["sessionRoot"]);
        }

        Copy(row, json, "worktree", "repositoryWorkspaceId", "execNode", "execCwd");
        if (json["forkedFromParent"] is JsonValue fork && fork.GetValueKind() == JsonValueKind.True)
        {
            row["forkedFromParent"] = true;
        }

        Copy(row, json, "spawnDepth", "subagentRole", "subagentControlScope", "createdVia");
        if (options.Participants is { Count: > 0 } participants)
        {
            // Non-profile identities project as themselves; profile display names arrive with user profiles.
            row["participants"] = Identities(participants, 4);
            row["expandedParticipants"] = Identities(participants, MaxParticipants);
            row["participantCount"] = participants.Count;
        }

        Copy(row, json, "createdAt", "forkSource", "previousSessionId");
        row["kind"] = Kind(key, entry);
        Copy(row, json, "label", "autoLabel", "icon", "color", "category", "boardFace", "boardPresentation");
        SessionClassification.AppendTo(row, config, key, agentId, entry);
        Put(row, "displayName", SessionDisplayName.Resolve(key, entry));
        Put(row, "derivedTitle", options.DerivedTitle);
        Put(row, "lastMessagePreview", options.LastMessagePreview);
        Put(row, "channel", channel);
        Copy(row, json, "subject", "groupChannel", "space", "chatType");
        if (origin is not null)
        {
            var safe = (JsonObject)origin.DeepClone();
            safe.Remove("avatar");
            row["origin"] = safe;
        }

        row["updatedAt"] = json["updatedAt"]?.DeepClone();
        row["archived"] = json["archivedAt"] is not null;
        Copy(row, json, "archivedAt", "archiveReason");
        var pinned = json["pinnedAt"] is not null && IsPinnable(key, entry);
        row["pinned"] = pinned;
        if (pinned)
        {
            Put(row, "pinnedAt", json["pinnedAt"]);
        }

        row["unread"] = Unread(entry);
        Copy(row, json, "lastReadAt", "markedUnreadAt", "lastInteractionAt", "lastActivityAt", "sessionId", "systemSent", "abortedLastRun");
        if (json["mainRestartRecovery"] is JsonObject recovery && SessionClassification.IsTruthy(recovery["tombstone"]))
        {
            row["restartRecoveryStatus"] = "tombstoned";
        }

        Put(row, "thinkingLevel", ThinkingLevel(entry.ThinkingLevel, models));
        row["thinkingLevels"] = models.ThinkingLevelObjects();
        row["thinkingOptions"] = models.ThinkingOptions();
        row["thinkingDefault"] = models.ThinkingDefault;
        Copy(row, json, "fastMode", "toolOverrides");
        var (fastMode, fastSource) = FastMode(json["fastMode"]);
        row["effectiveFastMode"] = fastMode;
        row["effectiveFastModeSource"] = fastSource;
        row["fastAutoOnSeconds"] = 60;
        Copy(row, json, "verboseLevel", "traceLevel", "reasoningLevel", "elevatedLevel", "sendPolicy", "inputTokens", "outputTokens");
        var freshTotal = FreshTotalTokens(json);
        Put(row, "totalTokens", freshTotal);
        row["totalTokensFresh"] = freshTotal is not null;
        Put(row, "status", json["status"] is JsonValue st && st.TryGetValue<string>(out var status) ? (status == "interrupted" ? "failed" : status) : json["status"]);
        Copy(row, json, "startedAt", "endedAt", "runtimeMs", "lastRunError", "lastRunId", "parentSessionKey", "parentSessionId");
        if (options.ChildSessions is { Count: > 0 } children)
        {
            row["childSessions"] = new JsonArray([.. children.Select(c => (JsonNode)JsonValue.Create(c))]);
        }

        Copy(row, json, "responseUsage");
        row["effectiveResponseUsage"] = RowText.UsageDisplay(Text(json, "responseUsage")) ?? RowText.UsageDisplay(ConfiguredResponseUsage(config, channel)) ?? "off";
        Copy(row, json, "queueMode");
        var queue = QueueSettingsResolver.Resolve(config, "webchat", new QueueOverrides(Mode: Text(json, "queueMode")));
        row["effectiveQueueMode"] = QueueSettingsResolver.ToWire(queue.Mode);
        row["modelProvider"] = models.Provider;
        row["model"] = models.Model;
        row["modelOverrideSource"] = ModelOverrideSource(entry);
        Copy(row, json, "modelSelectionLocked");
        row["runtimeSelectionLocked"] = false;
        row["agentRuntime"] = models.AgentRuntime();
        if (context is not null)
        {
            row["deliveryContext"] = context.DeepClone();
            Put(row, "lastChannel", context["channel"]);
            Put(row, "lastTo", context["to"]);
            Put(row, "lastAccountId", context["accountId"]);
            Put(row, "lastThreadId", context["threadId"]);
        }

        row["snapshotAt"] = options.NowMs;
        if (options.IncludeActivitySummary)
        {
            row["activitySummary"] = ActivitySummary(entry, options.SharingRole is not null);
        }

        if (options.IncludeRunState)
        {
            row["hasActiveRun"] = options.ActiveRunIds.Count > 0;
            row["activeRunIds"] = new JsonArray([.. options.ActiveRunIds.Select(id => (JsonNode)JsonValue.Create(id))]);
        }

        Put(row, "sharingRole", options.SharingRole);
        return row;
    }

    private const int MaxParticipants = 32;

    private static JsonArray Identities(IReadOnlyList<JsonObject> identities, int max) =>
        [.. identities.Take(max).Select(i => (JsonNode)new JsonObject { ["identity"] = i.DeepClone() })];

    /// <summary>
    /// The activity summary facts: <c>unavailable</c> before the session has an id; otherwise
    /// <c>current</c> when a stored summary covers every message of this session revision, else
    /// <c>stale</c> (nothing in Pincer summarises yet, so a summary is never being updated). A reading
    /// client may ask for one (<c>canEnsure</c>). The reference also compares the summary with the
    /// transcript's generation and last seq; a stored summary is trusted here.
    /// </summary>
    private static JsonObject ActivitySummary(SessionEntry entry, bool forClient)
    {
        var summary = new JsonObject();
        string state;
        if (entry.SessionId is not { Length: > 0 } || SessionClassification.IsTruthy(entry.Json["initializationPending"]))
        {
            state = "unavailable";
        }
        else
        {
            var stored = entry.Json["activitySummary"] as JsonObject;
            var valid = stored is not null
                && (stored["sessionId"] as JsonValue)?.ToString() == entry.SessionId
                && (stored["lifecycleRevision"] as JsonValue)?.ToString() == entry.LifecycleRevision;
            if (valid && stored!["text"] is JsonValue text && text.TryGetValue<string>(out var t) && t.Length > 0)
            {
                summary["text"] = t;
                summary["updatedAt"] = stored["updatedAt"]?.DeepClone();
            }

            var fresh = valid && JsonFieldsInt(stored!, "formatRevision") == 2
                && JsonFieldsInt(stored!, "coveredMessages") is { } covered && covered == JsonFieldsInt(stored!, "totalMessages");
            state = fresh ? "current" : "stale";
        }

        summary["state"] = state;
        if (forClient)
        {
            summary["canEnsure"] = true;
        }

        return summary;
    }

    /// <summary>The reference's display kind: cron and spawned children show as direct chats.</summary>
    public static string Kind(string key, SessionEntry? entry)
    {
        if (key is SessionKeys.GlobalKey or SessionKeys.UnknownKey)
        {
            return key;
        }

        if (SessionKeyKinds.IsCron(key) || SessionClassification.IsTruthy(entry?.Json["spawnedBy"]))
        {
            return "direct";
        }

        return entry?.ChatType is "group" or "channel" || key.Contains(":group:", StringComparison.Ordinal) || key.Contains(":channel:", StringComparison.Ordinal)
            ? "group"
            : "direct";
    }

    /// <summary>Whether a session may be pinned: not a sub-agent/spawned child, and parented (if at all) by its agent's main.</summary>
    public static bool IsPinnable(string key, SessionEntry entry)
    {
        if (SessionKeyKinds.IsSubagent(key) || JsText.TrimToNull(entry.SpawnedBy) is not null)
        {
            return false;
        }

        var parent = JsText.TrimToNull(entry.ParentSessionKey);
        if (parent is null)
        {
            return true;
        }

        return SessionKeys.ParseAgent(key) is { } parsed && parent == SessionKeys.BuildAgentMain(parsed.AgentId);
    }

    /// <summary>Unread: explicitly marked, or activity after the last read (or creation).</summary>
    public static bool Unread(SessionEntry entry)
    {
        var baseline = entry.LastReadAt ?? entry.CreatedAt;
        return entry.Json["markedUnreadAt"] is not null
            || (baseline is { } b && Math.Max(entry.LastInteractionAt ?? 0, entry.LastActivityAt ?? 0) > b);
    }

    private static JsonNode? ModelOverrideSource(SessionEntry entry)
    {
        var source = entry.ModelOverrideSource;
        if (source == "default" || JsText.TrimToNull(entry.ModelOverride) is null)
        {
            return null;
        }

        return source is "user" or "auto" ? source : (JsText.TrimToNull(entry.AuthProfileOverride) is null ? "auto" : "user");
    }

    private static string? ThinkingLevel(string? stored, SessionModelDefaults models)
    {
        var level = JsText.TrimToNull(stored) is { } s ? JsText.Lower(s) : null;
        return level is not null && (models.ThinkingLevels.Contains(level) || level == "off") ? level : null;
    }

    private static (JsonNode Mode, string Source) FastMode(JsonNode? stored) =>
        RowText.FastMode(stored) switch
        {
            { } mode => (mode, "session"),
            null => (false, "default"),
        };

    private static long? FreshTotalTokens(JsonObject json)
    {
        if (json["totalTokensFresh"] is not JsonValue fresh || fresh.GetValueKind() != JsonValueKind.True
            || JsonFieldsInt(json, "totalTokensVersion") != 1)
        {
            return null;
        }

        return JsonFieldsInt(json, "totalTokens") is { } total && total >= 0 ? total : null;
    }

    private static string? ConfiguredResponseUsage(JsonNode? config, string? channel) =>
        config?["messages"]?["responseUsage"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o => (channel is null ? null : o[channel] as JsonValue)?.ToString() ?? (o["default"] as JsonValue)?.ToString(),
            _ => null,
        };

    private static string? GroupChannel(string key)
    {
        var rest = SessionKeys.ParseAgentParts(key)?.Rest ?? key;
        var parts = rest.Split(':');
        return parts.Length >= 3 && parts[1] is "group" or "channel" && parts[0].Length > 0 ? parts[0] : null;
    }

    private static long? JsonFieldsInt(JsonObject json, string name) =>
        json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : null;

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static void Copy(JsonObject row, JsonObject json, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (json.TryGetPropertyValue(name, out var value) && value is not null)
            {
                row[name] = value.DeepClone();
            }
        }
    }

    private static void Put(JsonObject row, string name, JsonNode? value)
    {
        if (value is not null)
        {
            row[name] = value.Parent is null ? value : value.DeepClone();
        }
    }

    private static void Put(JsonObject row, string name, string? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }

    private static void Put(JsonObject row, string name, long? value)
    {
        if (value is { } v)
        {
            row[name] = v;
        }
    }
}
