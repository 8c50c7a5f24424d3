using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Client.Identity;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Running;

/// <summary>Builds the <c>connect</c> params a step asks for, signing with a per-scenario device key.</summary>
internal static class ConnectParams
{
    public static readonly string[] AllOperatorScopes =
    [
        "operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing",
        "operator.questions", "operator.talk.secrets",
    ];

    /// <summary>
    /// The same seed gives the same key on both gateways, so device ids (and everything derived from
    /// them) compare equal without a normaliser rule that could hide a wrong derivation.
    /// </summary>
    public static DeviceIdentity IdentityFor(string scenarioId, string seed) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("pincer-parity|" + scenarioId + "|" + seed)));

    public static JsonObject Build(JsonObject step, GatewaySpec gateway, string scenarioId, string connName, JsonObject? challenge)
    {
        var kind = (string?)step["client"] ?? "device";
        var client = kind switch
        {
            "backend" => new JsonObject { ["id"] = "gateway-client", ["version"] = "parity-0.1", ["platform"] = "linux", ["mode"] = "backend" },
            "test" => new JsonObject { ["id"] = "test", ["version"] = "parity-0.1", ["platform"] = "linux", ["mode"] = "test" },
            _ => new JsonObject { ["id"] = "cli", ["version"] = "parity-0.1", ["platform"] = "linux", ["mode"] = "cli" },
        };
        if (step["clientInfo"] is JsonObject overrides)
        {
            foreach (var (k, v) in overrides)
            {
                client[k] = v?.DeepClone();
            }
        }

        var scopes = step["scopes"] is JsonArray s ? s.Select(x => (string?)x ?? "").ToList() : [.. AllOperatorScopes];
        var role = (string?)step["role"] ?? "operator";
        var p = new JsonObject
        {
            ["minProtocol"] = (int?)step["minProtocol"] ?? 4,
            ["maxProtocol"] = (int?)step["maxProtocol"] ?? 4,
            ["client"] = client,
            ["role"] = role,
            ["scopes"] = new JsonArray([.. scopes.Select(x => (JsonNode?)JsonValue.Create(x))]),
            ["caps"] = new JsonArray(),
        };

        JsonObject? auth;
        if (step.ContainsKey("auth"))
        {
            auth = step["auth"]?.DeepClone() as JsonObject;
        }
        else
        {
            auth = gateway.AuthMode switch
            {
                "token" => new JsonObject { ["token"] = gateway.Token },
                "password" => new JsonObject { ["password"] = gateway.Password },
                _ => null,
            };
            if (kind == "none")
            {
                auth = null;
            }
        }

        if (auth is not null)
        {
            p["auth"] = auth;
        }

        p["locale"] = "en-US";
        p["userAgent"] = "pincer-parity/0.1";

        if (kind == "device")
        {
            var identity = IdentityFor(scenarioId, (string?)step["identity"] ?? connName);
            var signedAt = (long?)challenge?["ts"] ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var nonce = (string?)challenge?["nonce"] ?? "";
            var token = (string?)auth?["token"] ?? (string?)auth?["deviceToken"] ?? (string?)auth?["bootstrapToken"];
            var proof = identity.Prove((string)client["id"]!, (string)client["mode"]!, role, scopes, signedAt, token, nonce,
                (string?)client["platform"], (string?)client["deviceFamily"]);
            var device = new JsonObject
            {
                ["id"] = proof.Id,
                ["publicKey"] = proof.PublicKey,
                ["signature"] = proof.Signature,
                ["signedAt"] = proof.SignedAt,
                ["nonce"] = proof.Nonce,
            };
            switch ((string?)step["tamper"])
            {
                case "sig":
                    var sig = proof.Signature;
                    device["signature"] = sig[..^4] + (sig.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
                    break;
                case "nonce":
                    device["nonce"] = "00000000-0000-4000-8000-000000000000";
                    break;
                case "signedAt":
                    // Re-signed so only the skew is wrong, not the signature.
                    var stale = signedAt - (10 * 60 * 1000);
                    var staleProof = identity.Prove((string)client["id"]!, (string)client["mode"]!, role, scopes, stale, token, nonce,
                        (string?)client["platform"], (string?)client["deviceFamily"]);
                    device["signedAt"] = stale;
                    device["signature"] = staleProof.Signature;
                    break;
                case "deviceId":
                    device["id"] = new string('0', 64);
                    break;
                case "noNonce":
                    device["nonce"] = "";
                    break;
                default:
                    break;
            }

            p["device"] = device;
        }

        if (step["extra"] is JsonObject extra)
        {
            foreach (var (k, v) in extra)
            {
                if (v is null)
                {
                    p.Remove(k);
                }
                else
                {
                    p[k] = v.DeepClone();
                }
            }
        }

        return p;
    }
}
