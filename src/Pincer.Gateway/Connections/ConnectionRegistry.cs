using System.Collections.Concurrent;

namespace Pincer.Gateway.Connections;

/// <summary>Every open socket, and the pre-auth budget per client IP (32, spec §1).</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, GatewayConnection> _all = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _preAuthByIp = new(StringComparer.Ordinal);

    public IEnumerable<GatewayConnection> Authenticated => _all.Values.Where(c => c.Authenticated);

    public IEnumerable<GatewayConnection> All => _all.Values;

    public int Count => _all.Count;

    public void Add(GatewayConnection connection) => _all[connection.ConnId] = connection;

    public void Remove(GatewayConnection connection) => _all.TryRemove(connection.ConnId, out _);

    public bool TryReservePreAuth(string ip, int limit)
    {
        while (true)
        {
            var current = _preAuthByIp.GetOrAdd(ip, 0);
            if (current >= limit)
            {
                return false;
            }

            if (_preAuthByIp.TryUpdate(ip, current + 1, current))
            {
                return true;
            }
        }
    }

    public void ReleasePreAuth(string ip) => _preAuthByIp.AddOrUpdate(ip, 0, static (_, n) => Math.Max(0, n - 1));
}
