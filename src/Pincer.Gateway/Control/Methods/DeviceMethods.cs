using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Devices;
using Pincer.Gateway.Events;
using Pincer.Protocol.Errors;
using Pincer.Storage.Sqlite.Devices;

namespace Pincer.Gateway.Control.Methods;

/// <summary><c>device.pair.*</c> and <c>device.token.*</c>: operator review of paired devices and their tokens.</summary>
internal sealed class DeviceMethods(DeviceRecordStore store, ConnectionRegistry connections, EventBroadcaster events, TimeProvider time) : IMethodGroup
{
    private static readonly string[] PairingScopes = [OperatorScopes.Pairing];

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("device.pair.list", "DevicePairListParamsSchema", (_, ct) => ListAsync(ct)),
        new("device.pair.approve", "DevicePairApproveParamsSchema", ApproveAsync),
        new("device.pair.reject", "DevicePairRejectParamsSchema", RejectAsync),
        new("device.pair.remove", "DevicePairRemoveParamsSchema", RemoveAsync),
        new("device.pair.rename", "DevicePairRenameParamsSchema", RenameAsync),
        new("device.token.rotate", "DeviceTokenRotateParamsSchema", RotateAsync),
        new("device.token.revoke", "DeviceTokenRevokeParamsSchema", RevokeAsync),
    ];

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private async ValueTask<JsonNode?> ListAsync(CancellationToken ct)
    {
        var connected = connections.Authenticated.Select(c => c.Client?.DeviceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var pending = await store.ListPendingAsync(ct).ConfigureAwait(false);
        var paired = await store.ListPairedAsync(ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["pending"] = new JsonArray([.. pending.Select(p => (JsonNode)DeviceJson.Pending(p))]),
            ["paired"] = new JsonArray([.. paired.Select(d => (JsonNode)DeviceJson.Paired(d, connected.Contains(d.DeviceId)))]),
        };
    }

    private async ValueTask<JsonNode?> ApproveAsync(RequestContext request, CancellationToken ct)
    {
        var requestId = (string)request.Params["requestId"]!;
        var pending = await store.TakePendingAsync(requestId, ct).ConfigureAwait(false) ?? throw new RpcException(RpcError.InvalidRequest("unknown requestId"));
        await store.ApproveAsync(new DeviceApproval
        {
            DeviceId = pending.DeviceId,
            PublicKey = pending.PublicKey,
            Role = pending.Role ?? "operator",
            Scopes = pending.Scopes ?? [],
            ApprovedVia = "owner",
            DisplayName = pending.DisplayName,
            Platform = pending.Platform,
            DeviceFamily = pending.DeviceFamily,
            ClientId = pending.ClientId,
            ClientMode = pending.ClientMode,
            RemoteIp = pending.RemoteIp,
        }, ct).ConfigureAwait(false);
        Resolved(requestId, pending.DeviceId, "approved");
        var device = await store.FindAsync(pending.DeviceId, ct).ConfigureAwait(false);
        return new JsonObject { ["requestId"] = requestId, ["device"] = device is null ? null : DeviceJson.Paired(device, connected: false) };
    }

    private async ValueTask<JsonNode?> RejectAsync(RequestContext request, CancellationToken ct)
    {
        var requestId = (string)request.Params["requestId"]!;
        var pending = await store.TakePendingAsync(requestId, ct).ConfigureAwait(false) ?? throw new RpcException(RpcError.InvalidRequest("unknown requestId"));
        Resolved(requestId, pending.DeviceId, "rejected");
        return new JsonObject { ["requestId"] = requestId, ["deviceId"] = pending.DeviceId };
    }

    private async ValueTask<JsonNode?> RemoveAsync(RequestContext request, CancellationToken ct)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        if (!await store.RemoveAsync(deviceId, ct).ConfigureAwait(false))
        {
            throw new RpcException(RpcError.InvalidRequest("unknown deviceId"));
        }

        InvalidateAfterResponse(request, deviceId, role: null);
        return new JsonObject { ["deviceId"] = deviceId, ["removedAtMs"] = Now };
    }

    private async ValueTask<JsonNode?> RenameAsync(RequestContext request, CancellationToken ct)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var label = ((string)request.Params["label"]!).Trim();
        if (!await store.RenameAsync(deviceId, label, ct).ConfigureAwait(false))
        {
            throw new RpcException(RpcError.InvalidRequest("unknown deviceId"));
        }

        events.Broadcast("device.pair.changed", new JsonObject(), PairingScopes, dropIfSlow: true);
        return new JsonObject { ["deviceId"] = deviceId, ["label"] = label };
    }

    private async ValueTask<JsonNode?> RotateAsync(RequestContext request, CancellationToken ct)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var role = (string)request.Params["role"]!;
        var scopes = (request.Params["scopes"] as JsonArray)?.Select(s => (string)s!).ToList();
        var device = MayManage(request, deviceId, role) ? await store.FindAsync(deviceId, ct).ConfigureAwait(false) : null;
        var approved = device?.ApprovedScopes ?? device?.Scopes;
        if (device is null || approved is null || (scopes is not null && !scopes.All(approved.Contains)))
        {
            throw new RpcException(RpcError.InvalidRequest("device token rotation denied"));
        }

        var token = await store.RotateTokenAsync(deviceId, role, scopes, ct).ConfigureAwait(false)
            ?? throw new RpcException(RpcError.InvalidRequest("device token rotation denied"));
        // The new secret is never handed to the operator; the device picks it up when it reconnects.
        InvalidateAfterResponse(request, deviceId, role);

        return new JsonObject
        {
            ["deviceId"] = deviceId,
            ["role"] = role,
            ["scopes"] = new JsonArray([.. token.Scopes.Select(s => JsonValue.Create(s))]),
            ["rotatedAtMs"] = token.RotatedAtMs ?? token.CreatedAtMs,
            ["tokenDelivery"] = "withheld-cross-device",
        };
    }

    private async ValueTask<JsonNode?> RevokeAsync(RequestContext request, CancellationToken ct)
    {
        var deviceId = (string)request.Params["deviceId"]!;
        var role = (string)request.Params["role"]!;
        var revokedAt = MayManage(request, deviceId, role) ? await store.RevokeTokenAsync(deviceId, role, ct).ConfigureAwait(false) : null;
        if (revokedAt is null)
        {
            throw new RpcException(RpcError.InvalidRequest("device token revocation denied"));
        }

        InvalidateAfterResponse(request, deviceId, role);
        return new JsonObject { ["deviceId"] = deviceId, ["role"] = role, ["revokedAtMs"] = revokedAt };
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

    /// <summary>
    /// Sessions of a removed device, or of a role whose token changed, end with 4001 once the caller
    /// has its answer (the reference uses the same close reason for all three).
    /// </summary>
    private void InvalidateAfterResponse(RequestContext request, string deviceId, string? role) =>
        request.AfterResponse.Add(() =>
        {
            foreach (var connection in connections.Authenticated.Where(c => c.Client?.DeviceId == deviceId && (role is null || c.Role == role)))
            {
                connection.RequestClose(4001, "device removed");
            }
        });
}
