using System.Net;

namespace Pincer.Gateway.Connections;

/// <summary>How far away a host name is: this machine (loopback, <c>localhost</c>) or the private network.</summary>
internal static class HostAddresses
{
    public static bool IsLoopbackHost(string hostname) =>
        hostname.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(hostname.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>RFC 1918 IPv4 ranges and IPv6 unique-local addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.MapToIPv4().GetAddressBytes();
        return address.IsIPv6UniqueLocal || bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168);
    }
}
