using System.Text.Json.Nodes;

namespace Pincer.Gateway.Devices;

/// <summary>A device waiting for an operator to approve it (or its role/scope upgrade).</summary>
internal sealed record PairingRequest(
    string RequestId,
    string DeviceId,
    string PublicKey,
    string Role,
    IReadOnlyList<string> Scopes,
    string? Platform,
    string? DeviceFamily,
    string? ClientId,
    string? ClientMode,
    string? RemoteIp,
    string Reason,
    long Ts)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["requestId"] = RequestId,
            ["deviceId"] = DeviceId,
            ["publicKey"] = PublicKey,
            ["role"] = Role,
            ["roles"] = new JsonArray(JsonValue.Create(Role)),
            ["scopes"] = new JsonArray([.. Scopes.Select(s => JsonValue.Create(s))]),
        };
        if (Platform is not null)
        {
            json["platform"] = Platform;
        }

        if (DeviceFamily is not null)
        {
            json["deviceFamily"] = DeviceFamily;
        }

        if (ClientId is not null)
        {
            json["clientId"] = ClientId;
        }

        if (ClientMode is not null)
        {
            json["clientMode"] = ClientMode;
        }

        if (RemoteIp is not null)
        {
            json["remoteIp"] = RemoteIp;
        }

        json["reason"] = Reason;
        json["ts"] = Ts;
        return json;
    }
}
