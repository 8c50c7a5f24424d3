using System.Text;
using System.Text.Json.Nodes;
using Pincer.Client.Identity;
using Pincer.Protocol.Auth;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Handshake;

/// <summary>
/// Checks the signed <c>device</c> block in the reference's order: id ↔ key, clock skew, nonce,
/// signature (v3 then v2). Returns the raw public key on success.
/// </summary>
internal static class DeviceProofVerifier
{
    public static (byte[]? PublicKey, RpcError? Error) Verify(JsonObject device, string clientId, string clientMode, string role,
        IReadOnlyList<string> requestedScopes, string? token, string expectedNonce, string? platform, string? deviceFamily, long nowMs)
    {
        var id = (string)device["id"]!;
        var publicKeyText = (string)device["publicKey"]!;
        var signature = (string)device["signature"]!;
        var signedAt = (long)device["signedAt"]!;
        var nonce = (string)device["nonce"]!;

        var publicKey = DecodePublicKey(publicKeyText);
        if (publicKey is null)
        {
            return (null, Fail("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key", "device public key invalid"));
        }

        if (!string.Equals(Ed25519Keys.DeviceIdOf(publicKey), id, StringComparison.Ordinal))
        {
            return (null, Fail("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch", "device identity mismatch"));
        }

        if (Math.Abs(nowMs - signedAt) > Protocol.ProtocolConstants.SignatureSkewMs)
        {
            return (null, Fail("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale", "device signature expired"));
        }

        if (string.IsNullOrWhiteSpace(nonce))
        {
            return (null, Fail("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing", "device nonce required"));
        }

        if (!string.Equals(nonce, expectedNonce, StringComparison.Ordinal))
        {
            return (null, Fail("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch", "device nonce mismatch"));
        }

        var signatureBytes = Base64Url.TryDecode(signature);
        if (signatureBytes is null)
        {
            return (null, Fail("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature", "device signature invalid"));
        }

        var v3 = DeviceAuthPayload.V3(id, clientId, clientMode, role, requestedScopes, signedAt, token, nonce, platform, deviceFamily);
        var v2 = DeviceAuthPayload.V2(id, clientId, clientMode, role, requestedScopes, signedAt, token, nonce);
        if (!Ed25519Keys.Verify(publicKey, Encoding.UTF8.GetBytes(v3), signatureBytes)
            && !Ed25519Keys.Verify(publicKey, Encoding.UTF8.GetBytes(v2), signatureBytes))
        {
            return (null, Fail("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature", "device signature invalid"));
        }

        return (publicKey, null);
    }

    /// <summary>Raw 32-byte keys arrive as base64url, padded/standard base64, or an SPKI PEM.</summary>
    private static byte[]? DecodePublicKey(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var body = string.Concat(trimmed.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
            var der = Base64Url.TryDecode(body);
            return der is { Length: >= 32 } ? der[^32..] : null;
        }

        var raw = Base64Url.TryDecode(trimmed);
        return raw is { Length: Ed25519Keys.KeySize } ? raw : null;
    }

    private static RpcError Fail(string code, string reason, string message) =>
        RpcError.InvalidRequest(message, new JsonObject { ["code"] = code, ["reason"] = reason });
}
