using System.Text.Json.Nodes;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>Commits one session patch: resolve the target, apply under the store's writer, answer.</summary>
internal sealed class SessionPatchWriter(AgentStores stores, SessionTargetResolver targets, TimeProvider time)
{
    /// <summary>The committed patch, or the refusal (the reference's error) without any write.</summary>
    public async Task<(SessionWriteOutcome? Outcome, RpcError? Error)> PatchAsync(string key, string? agentId, JsonObject patch, CancellationToken cancellationToken)
    {
        SessionTarget target;
        try
        {
            target = targets.Resolve(key, agentId);
        }
        catch (RpcException ex)
        {
            return (null, ex.Error);
        }

        var store = await stores.GetAsync(target.AgentId).ConfigureAwait(false);
        var labels = patch.ContainsKey("label")
            ? await SessionLabels.LoadAsync(store, cancellationToken).ConfigureAwait(false)
            : new SessionLabels([]);
        var models = SessionModelDefaults.FromConfig(targets.Config);
        SessionPatchResult? result = null;
        var expectedSession = SessionPatcher.Str(patch["expectedSessionId"]);
        var expectedRevision = SessionPatcher.Str(patch["expectedLifecycleRevision"]);
        var stored = await store.Sessions.UpdateAsync(target.StoreKey, current =>
        {
            if ((expectedSession is not null && current?.SessionId != expectedSession)
                || (expectedRevision is not null && current?.LifecycleRevision != expectedRevision))
            {
                result = new SessionPatchResult(null, RpcError.InvalidRequest($"Session {key} changed before patch. Retry.", new JsonObject { ["reason"] = "session-changed" }));
                return null;
            }

            result = SessionPatcher.Apply(patch, new SessionPatchContext
            {
                StoreKey = target.StoreKey,
                Existing = current,
                NowMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                Models = models,
                IsLabelInUse = label => labels.InUseByOther(label, target.StoreKey),
            });
            return result.Entry is { } entry ? new SessionEntry((JsonObject)entry.DeepClone()) : null;
        }, cancellationToken).ConfigureAwait(false);

        if (result?.Error is { } error)
        {
            return (null, error);
        }

        var applied = result!.Entry!;
        var payload = new JsonObject
        {
            ["ok"] = true,
            ["path"] = store.Path,
            ["key"] = target.StoreKey,
            // The entry as patched, before the store adds its write-time defaults (as the reference answers).
            ["entry"] = applied.DeepClone(),
            ["resolved"] = SessionModelChoice.Resolved(models, applied, result.UsedModelCatalog),
        };
        return (new SessionWriteOutcome(payload, target.StoreKey, target.AgentId, "patch", stored), null);
    }
}
