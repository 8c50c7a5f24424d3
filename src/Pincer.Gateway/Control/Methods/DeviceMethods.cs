using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Devices;
using Pincer.Gateway.Events;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Control.Methods;

/// <summary><c>device.pair.*</c> and <c>device.token.*</c>: operator review of paired devices and their tokens.</summary>
internal sealed class DeviceMethods(DevicePairingStore store, ConnectionRegistry connections, EventBroadcaster events, TimeProvider time) : IMethodGroup
{
    private static readonly string[] PairingScopes = [OperatorScopes.Pairing];

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("device.pair.list", "DevicePairListParamsSchema", (_, _) => ValueTask.FromResult<JsonNode?>(List())),
        new("device.pair.approve", "DevicePairApproveParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Approve(r))),
        new("device.pair.reject", "DevicePairRejectParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Reject(r))),
        new("device.pair.remove", "DevicePairRemoveParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Remove(r))),
        new("device.pair.rename", "DevicePairRenameParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Rename(r))),
        new("device.token.rotate", "DeviceTokenRotateParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Rotate(r))),
        new("device.token.revoke", "DeviceTokenRevokeParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Revoke(r))),
    ];

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private JsonObject List()
    {
        var connected = connections.Authenticated.Select(c => c.Client?.DeviceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new JsonObject
        {
            ["pending"] = new JsonArray([.. store.Pending().Select(p => (JsonNode)p.ToJson())]),
            ["paired"] = new JsonArray([.. store.Paired().Select(d => (JsonNode)d.ToListEntry(connected.Contains(d.DeviceId)))]),
        };
    }

    private JsonObject Approve(RequestContext request)
    {
        var requestId = (string)request.Params["requestId"]!;
        var pending = store.TakePending(requestId) ?? throw new RpcException(RpcError.InvalidRequest("unknown requestId"));
        store.Approve(pending.DeviceId, pending.PublicKey, pending.Role, pending.Scopes, "operator",
            pending.Platform, pending.DeviceFamily, pending.ClientId, pending.ClientMode);
        Resolved(requestId, pending.DeviceId, "approved");
        var device = store.Find(pending.DeviceId)!;
        return new JsonObject { ["requestId"] = requestId, ["device"] = device.ToListEntry(connected: false) };
    }

    private JsonObject Reject(RequestContext request)
    {
        var requestId = (string)request.Params["requestId"]!;
        var pending = store.TakePending(requestId) ?? throw new RpcException(RpcError.InvalidRequest("unknown requestId"));
        Resolved(requestId, pending.DeviceId, "rejected");
        return new JsonObject { ["requestId"] = requestId, ["deviceId"] = pending.DeviceId };
    }

    private JsonObject Remove(RequestContext request)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        if (!store.Remove(deviceId))
        {
            throw new RpcException(RpcError.InvalidRequest("unknown deviceId"));
        }

        // A removed device loses its sessions at once, like a revoked token.
        foreach (var connection in connections.Authenticated.Where(c => c.Client?.DeviceId == deviceId))
        {
            connection.RequestClose(4001, "device removed");
        }

        Changed(deviceId, "removed");
        return new JsonObject { ["deviceId"] = deviceId, ["removedAtMs"] = Now };
    }

    private JsonObject Rename(RequestContext request)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var label = (string)request.Params["label"]!;
        if (!store.Rename(deviceId, label))
        {
            throw new RpcException(RpcError.InvalidRequest("unknown deviceId"));
        }

        Changed(deviceId, "renamed");
        return new JsonObject { ["deviceId"] = deviceId, ["label"] = label };
    }

    private JsonObject Rotate(RequestContext request)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var role = (string)request.Params["role"]!;
        if (!MayManage(request, deviceId, role))
        {
            throw new RpcException(RpcError.InvalidRequest("device token rotation denied"));
        }

        var scopes = (request.Params["scopes"] as JsonArray)?.Select(s => (string)s!).ToList();
        var device = store.Find(deviceId);
        if (device is null || (scopes is not null && !scopes.All(device.Scopes.Contains)))
        {
            throw new RpcException(RpcError.InvalidRequest("device token rotation denied"));
        }

        var token = store.IssueToken(deviceId, role, scopes) ?? throw new RpcException(RpcError.InvalidRequest("device token rotation denied"));
        Changed(deviceId, "token-rotated");
        return new JsonObject
        {
            ["deviceId"] = deviceId,
            ["role"] = role,
            ["token"] = token.Token,
            ["scopes"] = new JsonArray([.. token.Scopes.Order(StringComparer.Ordinal).Select(s => JsonValue.Create(s))]),
            ["rotatedAtMs"] = token.CreatedAtMs,
        };
    }

    private JsonObject Revoke(RequestContext request)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var role = (string)request.Params["role"]!;
        if (!MayManage(request, deviceId, role) || !store.RevokeToken(deviceId, role))
        {
            throw new RpcException(RpcError.InvalidRequest("device token revocation denied"));
        }

        foreach (var connection in connections.Authenticated.Where(c => c.Client?.DeviceId == deviceId && c.Role == role))
        {
            connection.RequestClose(4001, "device token revoked");
        }

        Changed(deviceId, "token-revoked");
        return new JsonObject { ["deviceId"] = deviceId, ["role"] = role, ["revokedAtMs"] = Now };
    }

    /// <summary>Pairing scope covers the caller's own operator token; other devices or roles need admin.</summary>
    private static bool MayManage(RequestContext request, string deviceId, string role) =>
        request.IsAdmin || (role == "operator" && request.Connection.Client?.DeviceId == deviceId);

    private void Resolved(string requestId, string deviceId, string decision) =>
        events.Broadcast("device.pair.resolved", new JsonObject
        {
            ["requestId"] = requestId,
            ["deviceId"] = deviceId,
            ["decision"] = decision,
            ["ts"] = Now,
        }, PairingScopes, dropIfSlow: true);

    private void Changed(string deviceId, string reason) =>
        events.Broadcast("device.pair.changed", new JsonObject { ["deviceId"] = deviceId, ["reason"] = reason, ["ts"] = Now }, PairingScopes, dropIfSlow: true);
}
