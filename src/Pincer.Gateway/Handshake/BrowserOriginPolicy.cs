using System.Net;
using System.Text.RegularExpressions;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Handshake;

/// <summary>
/// Which browser origins may open the control socket: an explicit allowlist
/// (<c>gateway.controlUi.allowedOrigins</c>, <c>*</c> allowed), the gateway's own private or
/// loopback host, or a loopback page for a local client. Everything else is refused.
/// </summary>
internal static partial class BrowserOriginPolicy
{
    public static (bool Ok, string? Reason) Check(string origin, string? requestHost, bool isLocalClient, IReadOnlyList<string> allowedOrigins)
    {
        var trimmed = origin.Trim();
        if (trimmed.Length == 0 || trimmed == "null" || !OriginShape().IsMatch(trimmed)
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return (false, "origin missing or invalid");
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var normalized = $"{uri.Scheme}://{host}".ToLowerInvariant();
        if (allowedOrigins.Any(a => a.Trim() == "*" || string.Equals(a.Trim(), normalized, StringComparison.OrdinalIgnoreCase)))
        {
            return (true, null);
        }

        var request = requestHost?.Trim().ToLowerInvariant();
        if (request is { Length: > 0 } && string.Equals(host, request, StringComparison.OrdinalIgnoreCase) && TrustedSameOriginHost(uri.Host, isLocalClient))
        {
            return (true, null);
        }

        return isLocalClient && HostAddresses.IsLoopbackHost(uri.Host) ? (true, null) : (false, "origin not allowed");
    }

    private static bool TrustedSameOriginHost(string hostname, bool isLocalClient)
    {
        if (HostAddresses.IsLoopbackHost(hostname))
        {
            return isLocalClient;
        }

        if (IPAddress.TryParse(hostname.Trim('[', ']'), out var address))
        {
            return IPAddress.IsLoopback(address) || HostAddresses.IsPrivate(address);
        }

        return hostname.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || hostname.EndsWith(".ts.net", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/?#\\]+/?$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginShape();
}
