using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// <c>gateway status</c>'s <c>port</c> block: whether the gateway port is taken on the hosts the
/// gateway must listen on (a trial bind, then a trial connect), who holds it, and what to do about it.
/// </summary>
internal static class PortInspector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(250);

    public static async Task<JsonObject> InspectAsync(int port, string bindHost, CancellationToken ct)
    {
        var probeHosts = RequiredListenHosts(bindHost);
        var status = await ProbeAsync(port, probeHosts, ct).ConfigureAwait(false);
        var listeners = status == "busy"
            ? ProcListeners.Find(port).Where(l => IsRelevant(l["address"]?.GetValue<string>(), port, probeHosts)).ToList()
            : [];
        var hints = PortHints.Build(listeners, port);
        if (status == "busy" && listeners.Count == 0)
        {
            hints.Add("The port is taken, but the owning process could not be identified (it may belong to another user).");
        }

        return new JsonObject
        {
            ["port"] = port,
            ["status"] = status,
            ["listeners"] = new JsonArray([.. listeners]),
            ["hints"] = new JsonArray([.. hints.Select(h => (JsonNode)h)]),
        };
    }

    /// <summary>A specific IPv4 bind must also answer on loopback; loopback, wildcard and names stand alone.</summary>
    internal static string[] RequiredListenHosts(string bindHost) =>
        !IPAddress.TryParse(bindHost, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || bindHost is "0.0.0.0" or "127.0.0.1"
            ? [bindHost]
            : [bindHost, "127.0.0.1"];

    private static async Task<string> ProbeAsync(int port, string[] hosts, CancellationToken ct)
    {
        var sawUnknown = false;
        foreach (var host in hosts)
        {
            var result = await ProbeHostAsync(port, host, ct).ConfigureAwait(false);
            if (result == "busy")
            {
                return "busy";
            }

            sawUnknown |= result == "unknown";
        }

        return sawUnknown ? "unknown" : "free";
    }

    /// <summary>Bind first (in use → busy); a bind that works is confirmed by a connect that must be refused.</summary>
    private static async Task<string> ProbeHostAsync(int port, string host, CancellationToken ct)
    {
        if (!IPAddress.TryParse(host, out var address))
        {
            return "unknown";
        }

        try
        {
            using var trial = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            trial.Bind(new IPEndPoint(address, port));
            trial.Listen(1);
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "busy",
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "skip",
                _ => "unknown",
            };
        }

        using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
            return "busy";
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode == SocketError.ConnectionRefused ? "free" : "unknown";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "unknown";
        }
    }

    private static bool IsRelevant(string? listenerAddress, int port, string[] probeHosts)
    {
        if (PortHints.ParseEndpoint(listenerAddress) is not { } endpoint || endpoint.Port != port)
        {
            return false;
        }

        return probeHosts.Any(probe =>
        {
            var p = probe.ToLowerInvariant();
            if (IsWildcard(endpoint.Host))
            {
                return SameFamily(endpoint.Host, p);
            }

            return IsWildcard(p) ? SameFamily(p, endpoint.Host) : p == endpoint.Host;
        });
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "::" or "*";

    private static bool SameFamily(string a, string b)
    {
        var fa = IPAddress.TryParse(a, out var x) ? x.AddressFamily : (AddressFamily?)null;
        var fb = IPAddress.TryParse(b, out var y) ? y.AddressFamily : (AddressFamily?)null;
        return fa is null || fb is null || fa == fb;
    }
}
