using System.Text.Json.Nodes;

namespace Pincer.Client.Connection;

/// <summary>
/// Builds <c>connect.params</c> with the reference client's key order: minProtocol, maxProtocol,
/// client{id, displayName?, version, platform, deviceFamily?, mode, instanceId}, caps, auth?, role,
/// scopes, device?. Absent optional values are omitted rather than sent as null (the schema is closed).
/// </summary>
internal static class GatewayConnectParams
{
    public static JsonObject Build(GatewayClientOptions options, string nonce, long signedAtMs)
    {
        var client = new JsonObject { ["id"] = options.ClientId };
        if (!string.IsNullOrEmpty(options.DisplayName))
        {
            client["displayName"] = options.DisplayName;
        }

        client["version"] = options.ClientVersion;
        client["platform"] = options.Platform;
        if (!string.IsNullOrEmpty(options.DeviceFamily))
        {
            client["deviceFamily"] = options.DeviceFamily;
        }

        client["mode"] = options.ClientMode;
        client["instanceId"] = options.InstanceId;

        var result = new JsonObject
        {
            ["minProtocol"] = options.MinProtocol,
            ["maxProtocol"] = options.MaxProtocol,
            ["client"] = client,
            ["caps"] = ToArray(options.Caps),
        };

        var auth = new JsonObject();
        if (!string.IsNullOrEmpty(options.Token))
        {
            auth["token"] = options.Token;
        }

        if (!string.IsNullOrEmpty(options.DeviceToken))
        {
            auth["deviceToken"] = options.DeviceToken;
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            auth["password"] = options.Password;
        }

        if (auth.Count > 0)
        {
            result["auth"] = auth;
        }

        result["role"] = options.Role;
        result["scopes"] = ToArray(options.Scopes);

        if (options.Device is { } device)
        {
            // The signed token is the shared token, else the device token; never the password (§4.2).
            var signatureToken = !string.IsNullOrEmpty(options.Token) ? options.Token : options.DeviceToken;
            var proof = device.Prove(options.ClientId, options.ClientMode, options.Role, options.Scopes,
                signedAtMs, signatureToken, nonce, options.Platform, options.DeviceFamily);
            result["device"] = new JsonObject
            {
                ["id"] = proof.Id,
                ["publicKey"] = proof.PublicKey,
                ["signature"] = proof.Signature,
                ["signedAt"] = proof.SignedAt,
                ["nonce"] = proof.Nonce,
            };
        }

        return result;
    }

    private static JsonArray ToArray(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }

        return array;
    }
}
