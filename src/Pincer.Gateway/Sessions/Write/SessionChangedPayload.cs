using System.Text.Json.Nodes;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// The <c>sessions.changed</c> payload for a session that still exists: the change header, the row
/// as <c>session</c>, then the row's event fields flattened beside it (the reference's order; fields
/// its projection leaves undefined are absent, the ones it defaults appear as null/false/[]).
/// </summary>
internal static class SessionChangedPayload
{
    private static readonly (string Name, Func<JsonObject, JsonNode?> Default)[] EventFields =
    [
        ("updatedAt", _ => null), ("sessionId", _ => null),
        ("createdActor", Null), ("owner", Null), ("participants", _ => new JsonArray()), ("participantCount", _ => 0),
        ("kind", _ => null), ("visibility", _ => null), ("channel", _ => null), ("subject", _ => null), ("groupChannel", _ => null),
        ("space", _ => null), ("chatType", _ => null), ("origin", _ => null),
        ("archived", _ => false), ("archivedAt", Null), ("archivedBy", Null), ("archiveReason", Null),
        ("pinned", _ => false), ("pinnedAt", Null), ("unread", _ => false), ("lastReadAt", _ => null), ("markedUnreadAt", Null),
        ("agentStatus", Null), ("observerDigest", Null), ("activitySummary", _ => null), ("lastActivityAt", _ => null),
        ("spawnedBy", _ => null), ("controlOwnerSessionKey", Null), ("swarmGroupId", _ => null), ("swarm", Null),
        ("spawnedWorkspaceDir", _ => null), ("spawnedCwd", _ => null), ("permissionMode", Null), ("permissionModePending", _ => false),
    ];

    private static readonly (string Name, Func<JsonObject, JsonNode?> Default)[] LaterFields =
    [
        ("forkedFromParent", _ => null), ("spawnDepth", _ => null), ("subagentRole", _ => null), ("subagentControlScope", _ => null),
        ("createdVia", _ => null), ("createdAt", _ => null), ("forkSource", _ => null), ("previousSessionId", _ => null),
        ("label", Null), ("autoLabel", Null), ("icon", Null), ("color", Null), ("channelAvatarUrl", Null), ("category", Null),
        ("boardPresentation", Null), ("displayName", Null), ("deliveryContext", _ => null), ("parentSessionKey", _ => null),
        ("childSessions", _ => null), ("thinkingLevel", Null), ("fastMode", _ => null), ("effectiveFastMode", _ => null),
        ("effectiveFastModeSource", _ => null), ("fastAutoOnSeconds", _ => null), ("toolOverrides", Null), ("verboseLevel", _ => null),
        ("traceLevel", _ => null), ("reasoningLevel", _ => null), ("elevatedLevel", _ => null), ("sendPolicy", _ => null),
        ("systemSent", _ => null), ("abortedLastRun", _ => null), ("restartRecoveryStatus", Null), ("inputTokens", _ => null),
        ("outputTokens", _ => null), ("lastChannel", _ => null), ("lastTo", _ => null), ("lastAccountId", _ => null),
        ("lastThreadId", _ => null), ("totalTokens", _ => null), ("totalTokensFresh", _ => null), ("goal", Null),
        ("contextTokens", _ => null), ("contextBudgetStatus", Null), ("estimatedCostUsd", _ => null), ("responseUsage", _ => null),
        ("effectiveResponseUsage", _ => null), ("modelProvider", _ => null), ("model", _ => null), ("activeModelProvider", Null),
        ("activeModel", Null), ("modelOverrideSource", _ => null), ("agentRuntime", _ => null), ("runtimeSelectionLocked", _ => null),
        ("status", _ => null), ("lastRunError", Null), ("providerReview", Null), ("lastRunId", Null), ("hasAutomation", _ => false),
        ("hasActiveRun", _ => null), ("activeRunIds", _ => null), ("startedAt", _ => null), ("endedAt", Null), ("runtimeMs", Null),
    ];

    /// <param name="header">The change itself (<c>sessionKey</c>, <c>agentId</c>, <c>reason</c>, <c>ts</c>).</param>
    /// <param name="row">The projected session row (owned by the payload afterwards).</param>
    public static JsonObject Build(JsonObject header, JsonObject row)
    {
        var session = WithActivitySummary(row);
        var payload = header;
        var flat = new JsonObject();
        Append(flat, session, EventFields);
        if (session["permissionMode"] is not null && session["sessionRoot"] is not null)
        {
            flat["sessionRoot"] = session["sessionRoot"]!.DeepClone();
        }

        Append(flat, session, LaterFields);
        payload["session"] = session;
        foreach (var (name, value) in flat.ToList())
        {
            flat.Remove(name);
            payload[name] = value;
        }

        payload["placement"] = null;
        payload["placementMove"] = null;
        payload["sharingRole"] = session["sharingRole"]?.DeepClone();
        return payload;
    }

    // The reference's event rows carry an activity summary (stale until an agent run summarises the session).
    private static JsonObject WithActivitySummary(JsonObject row)
    {
        var session = new JsonObject();
        foreach (var (name, value) in row.ToList())
        {
            row.Remove(name);
            session[name] = value;
            if (name == "snapshotAt")
            {
                session["activitySummary"] = new JsonObject { ["state"] = "stale", ["canEnsure"] = true };
            }
        }

        return session;
    }

    private static void Append(JsonObject target, JsonObject session, (string Name, Func<JsonObject, JsonNode?> Default)[] fields)
    {
        foreach (var (name, fallback) in fields)
        {
            if (session.TryGetPropertyValue(name, out var value))
            {
                target[name] = value?.DeepClone() ?? (IsDefaulted(fallback) ? fallback(session) : null);
            }
            else if (IsDefaulted(fallback))
            {
                target[name] = fallback(session);
            }
        }
    }

    private static JsonNode? Null(JsonObject _) => null;

    // A field whose default is a value (null, false, 0, []) is always present; the others only when the row has them.
    private static bool IsDefaulted(Func<JsonObject, JsonNode?> fallback) =>
        fallback == Null || fallback(Empty) is not null;

    private static readonly JsonObject Empty = [];
}
