using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Groups;
using Pincer.Gateway.Sessions.Write;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// The session writes that need no agent loop (<c>sessions.create|patch|patchMany|reset|delete</c>)
/// and the per-connection event opt-ins (<c>sessions.subscribe</c>, <c>sessions.messages.*</c>).
/// Every write is answered only after its store commit; <c>sessions.changed</c> reaches subscribed
/// connections only.
/// </summary>
internal sealed class SessionsWriteMethods(
    SessionCreator creator,
    SessionPatchWriter patcher,
    SessionResetter resetter,
    SessionDeleter deleter,
    SessionTargetResolver targets,
    SessionEventSubscribers subscribers,
    SessionChangePublisher changes,
    SessionGroups groups) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("sessions.create", "SessionsCreateParamsSchema", CreateAsync),
        new("sessions.patch", "SessionsPatchParamsSchema", PatchAsync),
        new("sessions.patchMany", "SessionsPatchManyParamsSchema", PatchManyAsync),
        new("sessions.reset", "SessionsResetParamsSchema", ResetAsync),
        new("sessions.delete", "SessionsDeleteParamsSchema", DeleteAsync),
        new("sessions.subscribe", "SessionsListParamsSchema", (r, _) => ValueTask.FromResult(Subscribe(r))),
        new("sessions.messages.subscribe", "SessionsMessagesSubscribeParamsSchema", (r, _) => ValueTask.FromResult(Messages(r, subscribe: true))),
        new("sessions.messages.unsubscribe", "SessionsMessagesUnsubscribeParamsSchema", (r, _) => ValueTask.FromResult(Messages(r, subscribe: false))),
    ];

    private async ValueTask<JsonNode?> CreateAsync(RequestContext request, CancellationToken cancellationToken)
    {
        var outcome = await creator.CreateAsync(request.Params, cancellationToken).ConfigureAwait(false);
        await RegisterCategoryAsync(outcome.Entry, cancellationToken).ConfigureAwait(false);
        request.AfterResponse.Add(() => changes.Changed(outcome.StoreKey, outcome.AgentId, outcome.Reason, outcome.Entry!));
        return outcome.Payload;
    }

    private async ValueTask<JsonNode?> PatchAsync(RequestContext request, CancellationToken cancellationToken)
    {
        var p = request.Params;
        var key = RequireKey(p);
        var patch = (JsonObject)p.DeepClone();
        patch["key"] = key;
        var (outcome, error) = await patcher.PatchAsync(key, SessionPatcher.Str(p["agentId"]), patch, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new RpcException(error);
        }

        await RegisterCategoryAsync(outcome!.Entry, cancellationToken).ConfigureAwait(false);

        // The reference publishes a patch's change as part of the mutation, ahead of its answer.
        changes.Changed(outcome.StoreKey, outcome.AgentId, outcome.Reason, outcome.Entry!);
        return outcome.Payload;
    }

    private async ValueTask<JsonNode?> PatchManyAsync(RequestContext request, CancellationToken cancellationToken)
    {
        var patch = (JsonObject)request.Params["patch"]!.DeepClone();
        var outcomes = new JsonArray();
        foreach (var target in request.Params["targets"]!.AsArray().OfType<JsonObject>())
        {
            var key = SessionPatcher.Str(target["key"])!;
            var agentId = SessionPatcher.Str(target["agentId"]);
            var identity = new JsonObject { ["ok"] = true, ["key"] = key };
            if (agentId is not null)
            {
                identity["agentId"] = agentId;
            }

            var one = (JsonObject)patch.DeepClone();
            foreach (var (name, value) in target)
            {
                if (name.StartsWith("expected", StringComparison.Ordinal))
                {
                    one[name] = value?.DeepClone();
                }
            }

            var (outcome, error) = await patcher.PatchAsync(JsText.Trim(key), agentId, one, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                identity["ok"] = false;
                identity["error"] = JsonSerializerError(error);
            }
            else
            {
                await RegisterCategoryAsync(outcome!.Entry, cancellationToken).ConfigureAwait(false);
                changes.Changed(outcome.StoreKey, outcome.AgentId, outcome.Reason, outcome.Entry!);
            }

            outcomes.Add((JsonNode)identity);
        }

        return new JsonObject { ["outcomes"] = outcomes };
    }

    private async ValueTask<JsonNode?> ResetAsync(RequestContext request, CancellationToken cancellationToken)
    {
        RequireKey(request.Params);
        var outcome = await resetter.ResetAsync(request.Params, cancellationToken).ConfigureAwait(false);
        request.AfterResponse.Add(() => changes.Changed(outcome.StoreKey, outcome.AgentId, outcome.Reason, outcome.Entry!));
        return outcome.Payload;
    }

    private async ValueTask<JsonNode?> DeleteAsync(RequestContext request, CancellationToken cancellationToken)
    {
        RequireKey(request.Params);
        var (payload, target, deletedSessionId) = await deleter.DeleteAsync(request.Params, cancellationToken).ConfigureAwait(false);
        if (deletedSessionId is not null)
        {
            request.AfterResponse.Add(() => changes.Deleted(target.StoreKey, target.AgentId, deletedSessionId));
        }

        return payload;
    }

    /// <summary>A category a write assigned joins the group catalog, as the reference keeps the catalog covering every category.</summary>
    private Task RegisterCategoryAsync(Pincer.Sessions.Store.SessionEntry? entry, CancellationToken cancellationToken) =>
        groups.RegisterAsync(entry?.Json["category"] is JsonValue c && c.TryGetValue<string>(out var category) ? category : null, cancellationToken);

    private JsonNode? Subscribe(RequestContext request)
    {
        subscribers.SubscribeChanges(request.Connection.ConnId);
        return new JsonObject { ["subscribed"] = true };
    }

    private JsonNode? Messages(RequestContext request, bool subscribe)
    {
        var key = RequireKey(request.Params);
        if (subscribe && request.Params["includeApprovals"] is not null)
        {
            // Approval replay needs the approvals subsystem, which does not exist yet.
            throw new RpcException(RpcError.Unavailable("session approval replay unavailable"));
        }

        var target = targets.Resolve(key, SessionPatcher.Str(request.Params["agentId"]));
        var subscriptionKey = $"{target.AgentId}\0{target.StoreKey}";
        if (subscribe)
        {
            subscribers.SubscribeMessages(request.Connection.ConnId, subscriptionKey);
        }
        else
        {
            subscribers.UnsubscribeMessages(request.Connection.ConnId, subscriptionKey);
        }

        return new JsonObject { ["subscribed"] = subscribe, ["key"] = target.StoreKey };
    }

    private static string RequireKey(JsonObject p) =>
        JsText.TrimToNull(SessionPatcher.Str(p["key"])) ?? throw new RpcException(RpcError.InvalidRequest("key required"));

    private static JsonObject JsonSerializerError(RpcError error)
    {
        var shape = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Details is not null)
        {
            shape["details"] = error.Details.DeepClone();
        }

        return shape;
    }
}
