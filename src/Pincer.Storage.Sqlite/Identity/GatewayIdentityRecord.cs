namespace Pincer.Storage.Sqlite.Identity;

/// <summary>
/// A <c>device_identities</c> row: an Ed25519 key pair stored as PEM (SPKI public, PKCS#8 private),
/// with the raw 32-byte keys decoded for callers that sign with raw-key APIs.
/// </summary>
public sealed record GatewayIdentityRecord(
    string DeviceId,
    string PublicKeyPem,
    string PrivateKeyPem,
    byte[] PublicKeyRaw,
    byte[] PrivateKeyRaw,
    long CreatedAtMs,
    long UpdatedAtMs);
