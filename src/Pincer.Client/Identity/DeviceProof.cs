using System.Text.Json.Serialization;

namespace Pincer.Client.Identity;

/// <summary>The <c>connect.params.device</c> block.</summary>
public sealed record DeviceProof(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("publicKey")] string PublicKey,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("signedAt")] long SignedAt,
    [property: JsonPropertyName("nonce")] string Nonce);
