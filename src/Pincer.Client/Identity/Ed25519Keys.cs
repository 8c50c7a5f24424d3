using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Pincer.Client.Identity;

/// <summary>Ed25519 primitives over raw 32-byte keys (pure managed, so it survives Native AOT).</summary>
public static class Ed25519Keys
{
    public const int KeySize = 32;

    public static (byte[] PrivateKey, byte[] PublicKey) Generate()
    {
        var priv = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (priv.GetEncoded(), priv.GeneratePublicKey().GetEncoded());
    }

    public static byte[] PublicFromPrivate(ReadOnlySpan<byte> privateKey) =>
        new Ed25519PrivateKeyParameters(privateKey.ToArray()).GeneratePublicKey().GetEncoded();

    public static byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(privateKey.ToArray()));
        var data = message.ToArray();
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != KeySize || signature.Length != 64)
        {
            return false;
        }

        try
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKey.ToArray()));
            var data = message.ToArray();
            verifier.BlockUpdate(data, 0, data.Length);
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (ArgumentException)
        {
            // A point that does not decode is simply an invalid key, not a bug.
            return false;
        }
    }

    /// <summary>The protocol's device id: lowercase hex SHA-256 of the raw public key.</summary>
    public static string DeviceIdOf(ReadOnlySpan<byte> publicKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(publicKey));
}
