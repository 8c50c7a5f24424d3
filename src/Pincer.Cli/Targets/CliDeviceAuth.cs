using System.Net;
using Pincer.Client.Identity;
using Pincer.Storage.Sqlite.Identity;

namespace Pincer.Cli.Targets;

/// <summary>
/// Whether a CLI connection signs with this machine's device identity, and which stored device
/// token it presents. The reference's read-only commands (<c>gateway call</c>, <c>health</c>,
/// <c>status</c>) never create an identity or persist a token; they only use what is stored.
/// A loopback call that carries the shared secret goes without identity, so the local gateway
/// treats it as the trusted local CLI/backend; anything else signs when an identity exists.
/// A target named explicitly (<c>--url</c>, <c>OPENCLAW_GATEWAY_URL</c>, remote mode) uses the
/// token stored for that gateway's origin instead of the machine-wide one.
/// </summary>
internal sealed record CliDeviceAuth(DeviceIdentity? Device, string? DeviceToken)
{
    public static CliDeviceAuth None { get; } = new(null, null);

    public bool HasStoredToken => DeviceToken is not null;

    public static CliDeviceAuth Resolve(GatewayTarget target, GatewayCallIdentity identity)
    {
        var token = Blank(target.Token);
        var password = Blank(target.Password);
        var scope = OriginScope(target);
        if (OmitsIdentity(target, identity) || target.StateDir is null
            || StoredClientDeviceAuthReader.TryRead(target.StateDir, scope) is not { } stored)
        {
            return None;
        }

        // Read-only callers skip the stored token when a secret already speaks for them: any
        // secret for an origin-bound target, a lone password for the local one.
        var suppressed = scope is not null ? token is not null || password is not null : password is not null && token is null;
        var storedToken = suppressed ? null : Blank(stored.Token);
        if (identity.Mode == "probe" && storedToken is null)
        {
            // A probe signs only with a device that already holds a token; otherwise it would
            // raise a pairing request just by looking.
            return None;
        }

        var deviceToken = token is null && password is null ? storedToken : null;
        return new CliDeviceAuth(new DeviceIdentity(stored.Identity.PrivateKeyRaw), deviceToken);
    }

    /// <summary>The reference's shouldOmitDeviceIdentityForGatewayCall.</summary>
    public static bool OmitsIdentity(GatewayTarget target, GatewayCallIdentity identity)
    {
        var sharedSecret = (target.AuthMode == "token" && Blank(target.Token) is not null)
            || (target.AuthMode == "password" && Blank(target.Password) is not null);
        if (!sharedSecret || !IsLoopbackUrl(target.Url))
        {
            return false;
        }

        return (identity.Mode == "backend" && identity.ClientId == "gateway-client")
            || (identity.Mode == "cli" && identity.ClientId == "cli");
    }

    /// <summary>
    /// The origin a device token is bound to (<c>scheme://host[:port][/path]</c>, as a WHATWG URL
    /// prints it) when the target was named explicitly; null for the locally configured gateway.
    /// </summary>
    public static string? OriginScope(GatewayTarget target)
    {
        if (target.UrlSource is not ("cli --url" or "env OPENCLAW_GATEWAY_URL" or "config gateway.remote.url"))
        {
            return null;
        }

        var url = target.Url;
        var path = url.AbsolutePath == "/" ? "" : url.AbsolutePath.TrimEnd('/');
        return $"{url.Scheme}://{(url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}")}{path}";
    }

    /// <summary><c>localhost</c> or a loopback IP literal (v4 127/8, ::1, v4-mapped); other names are not loopback.</summary>
    public static bool IsLoopbackUrl(Uri url)
    {
        var host = url.Host.Trim('[', ']').ToLowerInvariant();
        return host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
