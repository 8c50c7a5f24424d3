using System.Text.Json.Nodes;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// <c>sessions.reset</c>: the entry is rebuilt from the fields a reset keeps (levels, selection,
/// lineage, labels, delivery …) with a new lifecycle revision, fresh start time and zeroed token
/// counters. The session id is kept, as the reference keeps it; a key with no session gets a new one.
/// </summary>
internal sealed class SessionResetter(AgentStores stores, SessionTargetResolver targets, TimeProvider time)
{
    // The reference's rebuild order; each is copied when the current entry has it.
    private static readonly string[] KeptBeforeSelection =
    [
        "contextWindow", "thinkingLevel", "fastMode", "toolOverrides", "verboseLevel", "traceLevel", "reasoningLevel", "elevatedLevel",
        "ttsAuto", "execHost", "execNode", "execCwd", "responseUsage", "pinnedAt",
    ];

    private static readonly string[] KeptAfterSelection =
    [
        "groupActivation", "groupActivationNeedsSystemIntro", "chatType",
    ];

    private static readonly string[] KeptAfterCompaction =
    [
        "sendPolicy", "queueMode", "queueDebounceMs", "queueCap", "queueDrop", "spawnedBy", "completionOwnerSessionKey",
        "inheritedToolPolicyVersion", "inheritedToolAllow", "inheritedToolDeny", "spawnedWorkspaceDir", "spawnedCwd", "sessionRoot",
        "permissionMode", "sandboxMode", "worktree", "repositoryWorkspaceId", "parentSessionKey", "parentSessionId",
    ];

    private static readonly string[] KeptLineage =
    [
        "forkSource", "forkedFromParent", "spawnDepth", "subagentRole", "subagentControlScope", "label", "autoLabel", "icon", "category",
        "boardFace", "boardPresentation", "visibility", "displayName", "delivery", "pendingDeliveryNotice", "groupId", "subject",
        "groupChannel", "space", "pluginOwnerId", "cliSessionBindings", "cliSessionIds", "claudeCliSessionId", "usageFamilyKey",
        "usageFamilySessionIds",
    ];

    public async Task<SessionWriteOutcome> ResetAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var key = SessionPatcher.Str(p["key"])!.Trim();
        var target = targets.Resolve(key, SessionPatcher.Str(p["agentId"]));
        var reason = SessionPatcher.Str(p["reason"]) == "new" ? "new" : "reset";
        var expected = SessionPatcher.Str(p["expectedSessionId"]);
        var store = await stores.GetAsync(target.AgentId).ConfigureAwait(false);
        var models = SessionModelDefaults.FromConfig(targets.Config);
        var changed = false;
        JsonObject? built = null;
        var stored = await store.Sessions.UpdateAsync(target.StoreKey, current =>
        {
            if (expected is not null && current?.SessionId != expected)
            {
                changed = true;
                return null;
            }

            built = Rebuild(current?.Json, time.GetUtcNow().ToUnixTimeMilliseconds(), models);
            return new SessionEntry((JsonObject)built.DeepClone());
        }, cancellationToken).ConfigureAwait(false);

        if (changed || stored is null)
        {
            throw new RpcException(RpcError.InvalidRequest($"Session {key} changed before reset. Retry.", new JsonObject { ["reason"] = "session-changed" }));
        }

        var effective = models.WithOverride(stored.ProviderOverride, stored.ModelOverride);
        var payload = new JsonObject
        {
            ["ok"] = true,
            ["key"] = target.StoreKey,
            // The entry as rebuilt, before the store adds its write-time defaults (as the reference answers).
            ["entry"] = built!.DeepClone(),
            ["resolved"] = new JsonObject { ["modelProvider"] = effective.Provider, ["model"] = effective.Model },
        };
        return new SessionWriteOutcome(payload, target.StoreKey, target.AgentId, reason, stored);
    }

    internal static JsonObject Rebuild(JsonObject? current, long now, SessionModelDefaults models)
    {
        var next = new JsonObject
        {
            ["sessionId"] = (current is null ? null : SessionModelChoice.Str(current, "sessionId")) ?? Guid.NewGuid().ToString(),
            ["lifecycleRevision"] = Guid.NewGuid().ToString(),
            ["updatedAt"] = now,
            ["sessionStartedAt"] = now,
            ["systemSent"] = false,
            ["abortedLastRun"] = false,
        };
        Copy(current, next, KeptBeforeSelection);
        if (current is not null)
        {
            PreserveSelection(current, next);
        }

        Copy(current, next, KeptAfterSelection);
        next["compactionCount"] = 0;
        Copy(current, next, KeptAfterCompaction);
        if (current is not null)
        {
            Copy(current, next, ["createdVia", "createdActor", "createdAt", "projectId"]);
            if (SessionModelChoice.Str(current, "sandbox") == "required")
            {
                next["sandbox"] = "required";
            }
        }
        else
        {
            next["createdVia"] = "operator";
            next["createdAt"] = now;
        }

        Copy(current, next, KeptLineage);
        next["inputTokens"] = 0;
        next["outputTokens"] = 0;
        next["totalTokens"] = 0;
        next["totalTokensFresh"] = true;
        next["totalTokensVersion"] = 1;
        var effective = models.WithOverride(SessionModelChoice.Str(next, "providerOverride"), SessionModelChoice.Str(next, "modelOverride"));
        next["modelProvider"] = effective.Provider;
        next["model"] = effective.Model;
        return next;
    }

    private static void PreserveSelection(JsonObject current, JsonObject next)
    {
        var source = SessionModelChoice.Str(current, "modelOverrideSource");
        if (source == "default")
        {
            next["modelOverrideSource"] = "default";
        }

        if (source == "user" && SessionModelChoice.Str(current, "modelOverride") is not null)
        {
            Copy(current, next, ["providerOverride", "modelOverride"]);
            next["modelOverrideSource"] = "user";
            Copy(current, next, ["agentRuntimeOverride", "modelOverrideRouteResolution"]);
        }

        if (SessionModelChoice.Str(current, "authProfileOverrideSource") is "user" && SessionModelChoice.Str(current, "authProfileOverride") is not null)
        {
            Copy(current, next, ["authProfileOverride", "authProfileOverrideSource", "authProfileOverrideCompactionCount"]);
        }
    }

    private static void Copy(JsonObject? from, JsonObject to, IEnumerable<string> names)
    {
        if (from is null)
        {
            return;
        }

        foreach (var name in names)
        {
            if (from[name] is { } value)
            {
                to[name] = value.DeepClone();
            }
        }
    }
}
