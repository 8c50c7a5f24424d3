using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Devices;

namespace Pincer.Gateway.Devices;

/// <summary>The wire shapes of stored devices, tokens and pairing requests (<c>device.pair.*</c>, events).</summary>
internal static class DeviceJson
{
    public static JsonObject Paired(StoredPairedDevice device, bool connected)
    {
        var entry = new JsonObject { ["deviceId"] = device.DeviceId, ["publicKey"] = device.PublicKey };
        Optional(entry, "displayName", device.DisplayName);
        Optional(entry, "operatorLabel", device.OperatorLabel);
        Optional(entry, "platform", device.Platform);
        Optional(entry, "deviceFamily", device.DeviceFamily);
        Optional(entry, "clientId", device.ClientId);
        Optional(entry, "clientMode", device.ClientMode);
        Optional(entry, "role", device.Role);
        entry["roles"] = Strings(device.Roles);
        entry["scopes"] = Strings(device.Scopes);
        Optional(entry, "approvedVia", device.ApprovedVia);
        entry["createdAtMs"] = device.CreatedAtMs;
        entry["approvedAtMs"] = device.ApprovedAtMs;
        if (device.LastSeenAtMs is { } seen)
        {
            entry["lastSeenAtMs"] = seen;
        }

        Optional(entry, "lastSeenReason", device.LastSeenReason);
        entry["connected"] = connected;
        entry["tokens"] = new JsonArray([.. device.Tokens.Select(t => (JsonNode)Token(t))]);
        return entry;
    }

    /// <summary>A token's public summary: never the secret.</summary>
    public static JsonObject Token(StoredDeviceToken token)
    {
        var summary = new JsonObject
        {
            ["role"] = token.Role,
            ["scopes"] = Strings(token.Scopes),
            ["createdAtMs"] = token.CreatedAtMs,
        };
        if (token.RotatedAtMs is { } rotated)
        {
            summary["rotatedAtMs"] = rotated;
        }

        if (token.RevokedAtMs is { } revoked)
        {
            summary["revokedAtMs"] = revoked;
        }

        if (token.LastUsedAtMs is { } used)
        {
            summary["lastUsedAtMs"] = used;
        }

        return summary;
    }

    public static JsonObject Pending(StoredPairingRequest request)
    {
        var json = new JsonObject
        {
            ["requestId"] = request.RequestId,
            ["deviceId"] = request.DeviceId,
            ["publicKey"] = request.PublicKey,
        };
        Optional(json, "displayName", request.DisplayName);
        Optional(json, "platform", request.Platform);
        Optional(json, "deviceFamily", request.DeviceFamily);
        Optional(json, "clientId", request.ClientId);
        Optional(json, "clientMode", request.ClientMode);
        Optional(json, "role", request.Role);
        if (request.Roles is { } roles)
        {
            json["roles"] = Strings(roles);
        }

        if (request.Scopes is { } scopes)
        {
            json["scopes"] = Strings(scopes);
        }

        Optional(json, "remoteIp", request.RemoteIp);
        if (request.IsRepair is { } repair)
        {
            json["isRepair"] = repair;
        }

        json["ts"] = request.Ts;
        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static void Optional(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
