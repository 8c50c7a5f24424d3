using System.Net;
using System.Net.Sockets;

namespace Pincer.Bench;

/// <summary>Picks a free loopback port (bind to port 0, read it back, release it).</summary>
internal static class PortAllocator
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
