using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// <c>sessions.create</c> without the agent loop: scopes the key (or mints a dashboard key), applies
/// the creation fields through the patch rules, stamps a new entry the way the reference does
/// (root, delivery, provenance, depth, lineage, the parent's inherited selection) and commits it. An
/// existing key is adopted: its entry is refreshed, never replaced.
/// </summary>
internal sealed class SessionCreator(AgentStores stores, SessionTargetResolver targets, TimeProvider time)
{
    private static readonly string[] InheritedSelection =
    [
        "providerOverride", "modelOverride", "modelOverrideSource", "modelOverrideRouteResolution", "agentRuntimeOverride",
        "contextWindow", "thinkingLevel", "fastMode", "toolOverrides", "verboseLevel", "traceLevel", "reasoningLevel", "elevatedLevel",
    ];

    public async Task<SessionWriteOutcome> CreateAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var explicitKey = JsText.TrimToNull(SessionPatcher.Str(p["key"]));
        // Creation names its agent explicitly, whether by agentId or by the key's agent head, so both must be configured.
        var agentParam = SessionPatcher.Str(p["agentId"]) ?? Pincer.Abstractions.Sessions.SessionKeys.ParseAgent(explicitKey)?.AgentId;
        var target = targets.Resolve(explicitKey ?? (p.ContainsKey("agentId") ? null : "main"), agentParam);
        var storeKey = explicitKey is null ? $"agent:{target.AgentId}:dashboard:{Guid.NewGuid()}" : target.StoreKey;
        var spawnDepth = p["spawnDepth"] is JsonValue depth && depth.TryGetValue<long>(out var d) ? d : (long?)null;
        var parentRaw = JsText.TrimToNull(SessionPatcher.Str(p["parentSessionKey"]));
        if (spawnDepth is not null && parentRaw is null)
        {
            throw new RpcException(RpcError.InvalidRequest("spawnDepth requires parentSessionKey"));
        }

        var store = await stores.GetAsync(target.AgentId).ConfigureAwait(false);
        var parentKey = parentRaw is null ? null : targets.Resolve(parentRaw, target.AgentId).StoreKey;
        var parent = parentKey is null ? null : await store.Sessions.GetAsync(parentKey, cancellationToken).ConfigureAwait(false);
        var labels = await SessionLabels.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var models = SessionModelDefaults.FromConfig(targets.Config);
        var workspace = targets.WorkspaceDir(target.AgentId);

        var patch = new JsonObject();
        foreach (var name in (string[])["label", "category", "model", "contextWindow", "thinkingLevel", "fastMode", "toolOverrides", "permissionMode"])
        {
            if (p[name] is { } value)
            {
                patch[name] = value.DeepClone();
            }
        }

        SessionPatchResult? result = null;
        var created = false;
        var stored = await store.Sessions.UpdateAsync(storeKey, current =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            created = current is null;
            result = SessionPatcher.Apply(patch, new SessionPatchContext
            {
                StoreKey = storeKey,
                Existing = current,
                NowMs = now,
                Models = models,
                IsLabelInUse = label => labels.InUseByOther(label, storeKey),
                PreparedSessionRoot = workspace,
                StampCreation = false,
            });
            if (result.Entry is not { } entry)
            {
                return null;
            }

            if (created)
            {
                Stamp(entry, p, now, spawnDepth);
            }

            Inherit(entry, parent, created, parentKey, target.MainKey, storeKey, p.ContainsKey("model"));
            return new SessionEntry(entry);
        }, cancellationToken).ConfigureAwait(false);

        if (result?.Error is { } error)
        {
            throw new RpcException(error);
        }

        var final = stored ?? throw new RpcException(RpcError.Unavailable("session creation was interrupted"));
        var effective = models.WithOverride(final.ProviderOverride, final.ModelOverride);
        var payload = new JsonObject
        {
            ["ok"] = true,
            ["key"] = storeKey,
            ["sessionId"] = final.SessionId,
            ["entry"] = final.Json.DeepClone(),
            ["runStarted"] = false,
            ["resolved"] = new JsonObject { ["modelProvider"] = effective.Provider, ["model"] = effective.Model },
        };
        return new SessionWriteOutcome(payload, storeKey, target.AgentId, "create", final);
    }

    private static void Stamp(JsonObject entry, JsonObject p, long now, long? spawnDepth)
    {
        if (JsText.TrimToNull(SessionPatcher.Str(p["displayName"])) is { } displayName)
        {
            entry["displayName"] = displayName;
        }

        entry["delivery"] ??= new JsonObject { ["kind"] = "none" };
        entry["createdVia"] = "operator";
        entry["createdAt"] = now;
        if (SessionPatcher.Str(p["visibility"]) is { } visibility)
        {
            entry["visibility"] = visibility;
        }

        entry["spawnDepth"] = spawnDepth ?? 0;
        if (SessionPatcher.Bool(p["incognito"]) == true)
        {
            entry["incognito"] = true;
        }
    }

    private static void Inherit(JsonObject entry, SessionEntry? parent, bool created, string? parentKey, string mainKey, string storeKey, bool modelRequested)
    {
        if (parentKey is not null && !modelRequested && parent is not null)
        {
            foreach (var name in InheritedSelection)
            {
                if (parent.Json[name] is { } value && !(value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
                {
                    entry[name] = value.DeepClone();
                }
            }
        }

        var explicitParent = parentKey ?? SessionModelChoice.Str(entry, "parentSessionKey");
        var dashboardParent = storeKey == mainKey ? null : mainKey;
        if (created && dashboardParent is not null && explicitParent is null && SessionModelChoice.Str(entry, "modelOverride") is null)
        {
            entry["modelOverrideSource"] = "default";
        }

        if ((explicitParent ?? dashboardParent) is { } storedParent)
        {
            entry["parentSessionKey"] = storedParent;
        }

        if (parentKey is not null && parent?.SessionId is { } parentSessionId)
        {
            entry["parentSessionId"] = parentSessionId;
        }
    }
}
