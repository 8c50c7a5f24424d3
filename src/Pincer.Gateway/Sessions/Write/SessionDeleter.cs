using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// <c>sessions.delete</c>: removes the session row with its windows and transcripts (one store
/// transaction). The agent's main session cannot be deleted; a missing session answers
/// <c>deleted:false</c>. An <c>expectedSessionId</c> that no longer matches refuses the deletion.
/// </summary>
internal sealed class SessionDeleter(AgentStores stores, SessionTargetResolver targets)
{
    public async Task<(JsonObject Payload, SessionTarget Target, string? DeletedSessionId)> DeleteAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var key = SessionPatcher.Str(p["key"])!.Trim();
        var target = targets.Resolve(key, SessionPatcher.Str(p["agentId"]));
        if (target.StoreKey == target.MainKey)
        {
            throw new RpcException(RpcError.InvalidRequest($"Cannot delete the main session ({target.MainKey})."));
        }

        var store = await stores.GetAsync(target.AgentId).ConfigureAwait(false);
        var existing = await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        var expectedSession = SessionPatcher.Str(p["expectedSessionId"]);
        var expectedRevision = SessionPatcher.Str(p["expectedLifecycleRevision"]);
        var expectedUpdated = p["expectedSessionUpdatedAt"] is JsonValue u && u.TryGetValue<double>(out var at) ? at : (double?)null;
        if ((expectedSession is not null && existing?.SessionId != expectedSession)
            || (expectedRevision is not null && existing?.LifecycleRevision != expectedRevision)
            || (expectedUpdated is not null && existing?.UpdatedAt != expectedUpdated))
        {
            throw new RpcException(RpcError.InvalidRequest($"Session {key} changed before deletion. Retry.", new JsonObject { ["reason"] = "session-changed" }));
        }

        var deleted = existing is not null && await store.Sessions.DeleteAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        var payload = new JsonObject
        {
            ["ok"] = true,
            ["key"] = target.StoreKey,
            ["deleted"] = deleted,
            ["archived"] = new JsonArray(),
        };
        return (payload, target, deleted ? existing!.SessionId : null);
    }
}
