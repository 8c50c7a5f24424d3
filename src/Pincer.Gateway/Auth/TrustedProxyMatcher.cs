using System.Net;

namespace Pincer.Gateway.Auth;

/// <summary>Matches a peer address against <c>gateway.trustedProxies</c> (addresses or CIDR ranges).</summary>
internal static class TrustedProxyMatcher
{
    public static bool IsTrusted(IPAddress remote, IReadOnlyList<string> trusted, bool allowLoopback)
    {
        if (IPAddress.IsLoopback(remote) && !allowLoopback)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        foreach (var entry in trusted)
        {
            if (IPNetwork.TryParse(entry, out var network) ? network.Contains(address)
                : IPAddress.TryParse(entry, out var single) && single.Equals(address))
            {
                return true;
            }
        }

        return false;
    }
}
