using System.Text.Json.Nodes;
using Pincer.Client.Identity;

namespace Pincer.Gateway.Tests.Support;

/// <summary>Builders for <c>connect</c> params (spec §3.2).</summary>
public static class ConnectParams
{
    public static readonly string[] AllScopes =
    [
        "operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing", "operator.questions", "operator.talk.secrets",
    ];

    public static JsonObject? SharedAuth(GatewayFixture fixture) => fixture.AuthMode switch
    {
        "token" => new JsonObject { ["token"] = GatewayFixture.Token },
        "password" => new JsonObject { ["password"] = GatewayFixture.Password },
        _ => null,
    };

    public static JsonObject Build(string clientId, string clientMode, IReadOnlyList<string> scopes, JsonObject? auth,
        string role = "operator", int minProtocol = 4, int maxProtocol = 4)
    {
        var p = new JsonObject
        {
            ["minProtocol"] = minProtocol,
            ["maxProtocol"] = maxProtocol,
            ["client"] = new JsonObject { ["id"] = clientId, ["version"] = "test-0.1", ["platform"] = "linux", ["mode"] = clientMode },
            ["role"] = role,
            ["scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
            ["caps"] = new JsonArray(),
            ["locale"] = "en-US",
            ["userAgent"] = "pincer-gateway-tests/0.1",
        };
        if (auth is not null)
        {
            p["auth"] = auth;
        }

        return p;
    }

    /// <summary>Adds a v3-signed <c>device</c> block; <paramref name="signedToken"/> is the token the payload carries.</summary>
    public static JsonObject Signed(JsonObject p, DeviceIdentity identity, string nonce, string? signedToken, long? signedAtMs = null, string? signNonce = null)
    {
        var client = p["client"]!.AsObject();
        var scopes = p["scopes"]!.AsArray().Select(s => (string)s!).ToList();
        var signedAt = signedAtMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var proof = identity.Prove((string)client["id"]!, (string)client["mode"]!, (string?)p["role"] ?? "operator", scopes, signedAt,
            signedToken, signNonce ?? nonce, (string?)client["platform"], (string?)client["deviceFamily"]);
        p["device"] = new JsonObject
        {
            ["id"] = proof.Id,
            ["publicKey"] = proof.PublicKey,
            ["signature"] = proof.Signature,
            ["signedAt"] = proof.SignedAt,
            ["nonce"] = signNonce ?? nonce,
        };
        return p;
    }
}
