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
/// </summary>
internal sealed record CliDeviceAuth(DeviceIdentity? Device, string? DeviceToken)
{
    public static CliDeviceAuth None { get; } = new(null, null);

    public bool HasStoredToken => DeviceToken is not null;

    public static CliDeviceAuth Resolve(GatewayTarget target, GatewayCallIdentity identity)
    {
        if (OmitsIdentity(target, identity) || target.StateDir is null
            || StoredClientDeviceAuthReader.TryRead(target.StateDir) is not { } stored)
        {
            return None;
        }

        var device = new DeviceIdentity(stored.Identity.PrivateKeyRaw);
        var token = Blank(target.Token);
        var password = Blank(target.Password);
        // Read-only callers holding only a password never fall back to the stored device token.
        var storedToken = password is not null && token is null ? null : Blank(stored.Token);
        var deviceToken = token is null && password is null ? storedToken : null;
        // Scopes stay the ones the command asks for: the reference only substitutes stored scopes
        // when a caller requests none, and every CLI command here requests its own.
        return new CliDeviceAuth(device, deviceToken);
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

    /// <summary><c>localhost</c> or a loopback IP literal (v4 127/8, ::1, v4-mapped); other names are not loopback.</summary>
    public static bool IsLoopbackUrl(Uri url)
    {
        var host = url.Host.Trim('[', ']').ToLowerInvariant();
        return host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
