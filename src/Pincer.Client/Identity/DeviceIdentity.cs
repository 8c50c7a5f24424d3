using System.Text;
using Pincer.Protocol.Auth;

namespace Pincer.Client.Identity;

/// <summary>An Ed25519 device key pair and the <c>device</c> block it signs at connect.</summary>
public sealed class DeviceIdentity
{
    private readonly byte[] _privateKey;

    public DeviceIdentity(byte[] privateKey)
    {
        _privateKey = privateKey;
        PublicKeyRaw = Ed25519Keys.PublicFromPrivate(privateKey);
        DeviceId = Ed25519Keys.DeviceIdOf(PublicKeyRaw);
    }

    public string DeviceId { get; }

    public byte[] PublicKeyRaw { get; }

    public string PublicKey => Base64Url.Encode(PublicKeyRaw);

    public byte[] PrivateKeyRaw => _privateKey;

    public static DeviceIdentity Create() => new(Ed25519Keys.Generate().PrivateKey);

    public string Sign(string payload) => Base64Url.Encode(Ed25519Keys.Sign(_privateKey, Encoding.UTF8.GetBytes(payload)));

    /// <summary>Signs the v3 payload for one connect attempt.</summary>
    public DeviceProof Prove(string clientId, string clientMode, string role, IReadOnlyList<string> scopes,
        long signedAtMs, string? token, string nonce, string? platform, string? deviceFamily)
    {
        var payload = DeviceAuthPayload.V3(DeviceId, clientId, clientMode, role, scopes, signedAtMs, token, nonce, platform, deviceFamily);
        return new DeviceProof(DeviceId, PublicKey, Sign(payload), signedAtMs, nonce);
    }
}
