using System.Security.Cryptography;
using System.Text;

namespace Pincer.Storage.Sqlite.Identity;

/// <summary>
/// Ed25519 keys in the PEM shapes Node's <c>KeyObject.export</c> produces (what the reference
/// stores): fixed-prefix SPKI/PKCS#8 DER, base64 in 64-column lines, LF endings, trailing LF.
/// </summary>
internal static class Ed25519Pem
{
    public const int KeySize = 32;

    // SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (32 bytes) }
    private static readonly byte[] SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }
    private static readonly byte[] Pkcs8Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    public static string EncodePublic(ReadOnlySpan<byte> publicKey) => Encode("PUBLIC KEY", SpkiPrefix, publicKey);

    public static string EncodePrivate(ReadOnlySpan<byte> privateKey) => Encode("PRIVATE KEY", Pkcs8Prefix, privateKey);

    public static byte[] DecodePublic(string pem) => Decode(pem, "PUBLIC KEY", SpkiPrefix);

    public static byte[] DecodePrivate(string pem) => Decode(pem, "PRIVATE KEY", Pkcs8Prefix);

    /// <summary>The protocol's device id: lowercase hex SHA-256 of the raw public key.</summary>
    public static string DeviceIdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey));

    private static string Encode(string label, byte[] prefix, ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An Ed25519 key is {KeySize} bytes, not {key.Length}.", nameof(key));
        }

        var base64 = Convert.ToBase64String([.. prefix, .. key]);
        var pem = new StringBuilder().Append("-----BEGIN ").Append(label).Append("-----\n");
        for (var i = 0; i < base64.Length; i += 64)
        {
            pem.Append(base64.AsSpan(i, Math.Min(64, base64.Length - i))).Append('\n');
        }

        return pem.Append("-----END ").Append(label).Append("-----\n").ToString();
    }

    private static byte[] Decode(string pem, string label, byte[] prefix)
    {
        var fields = PemEncoding.Find(pem);
        if (!pem.AsSpan()[fields.Label].SequenceEqual(label))
        {
            throw new FormatException($"Expected a PEM '{label}' block.");
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        if (der.Length != prefix.Length + KeySize || !der.AsSpan(0, prefix.Length).SequenceEqual(prefix))
        {
            throw new FormatException($"The PEM '{label}' block is not an Ed25519 key.");
        }

        return der[prefix.Length..];
    }
}
