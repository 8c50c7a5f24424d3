using System.Security.Cryptography;
using System.Text;

namespace Pincer.Config.Loading;

/// <summary>
/// Turns internal content hashes into the opaque revision tokens <c>config.get</c> returns:
/// <c>hmac-sha256:v1:&lt;base64url(HMAC-SHA256(key, JSON.stringify([domain, hash])))&gt;</c> with the
/// domains <c>openclaw.gateway.config-revision.raw.v1</c> (for <c>hash</c>) and
/// <c>openclaw.gateway.config-revision.resolved.v1</c> (for <c>configRevisionHash</c> and
/// <c>appliedConfigHash</c>). The key is 32 random bytes created once per install; the reference
/// keeps it in the state database (table <c>config_revision_keys</c>, row id 1, column
/// <c>hmac_key</c>), so tokens are stable across restarts but differ between installs.
/// </summary>
public sealed class ConfigRevisionProjector
{
    public const int KeyBytes = 32;
    public const string RawDomain = "openclaw.gateway.config-revision.raw.v1";
    public const string ResolvedDomain = "openclaw.gateway.config-revision.resolved.v1";

    private readonly byte[] _key;

    public ConfigRevisionProjector(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException("config revision key must be 32 bytes", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>A fresh random key, for first start (persist it; see the class remarks).</summary>
    public static byte[] CreateKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>Token for <see cref="ConfigFileSnapshot.Hash"/>; this is what clients send back as <c>baseHash</c>.</summary>
    public string ProjectRawHash(string hash) => Project(RawDomain, hash);

    /// <summary>Token for <see cref="ConfigFileSnapshot.ResolvedHash"/>.</summary>
    public string ProjectResolvedHash(string hash) => Project(ResolvedDomain, hash);

    private string Project(string domain, string hash)
    {
        var payload = "[" + JavaScriptJson.QuoteString(domain) + "," + JavaScriptJson.QuoteString(hash) + "]";
        return "hmac-sha256:v1:" + JavaScriptJson.Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
    }
}
