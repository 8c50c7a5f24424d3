using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Running;

/// <summary>
/// Started gateways keyed by implementation and spec, so many scenarios run against one start.
/// Keeps only a couple alive per implementation: an idle reference holds 600–800 MB.
/// </summary>
public sealed class GatewayPool : IDisposable
{
    private const int MaxAlivePerKind = 2;
    private readonly Dictionary<(GatewayKind, string), Task<GatewayProcess>> _alive = [];
    private readonly List<(GatewayKind Kind, string Key)> _order = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TimeSpan ReferenceReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan PincerReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<GatewayProcess> GetAsync(GatewayKind kind, GatewaySpec spec, CancellationToken ct)
    {
        Task<GatewayProcess> task;
        await _gate.WaitAsync(ct);
        try
        {
            var key = (kind, spec.Key);
            if (!_alive.TryGetValue(key, out task!))
            {
                Evict(kind);
                var timeout = kind == GatewayKind.Reference ? ReferenceReadyTimeout : PincerReadyTimeout;
                task = GatewayProcess.StartAsync(kind, spec, timeout, CancellationToken.None);
                _alive[key] = task;
                _order.Add(key);
            }
            else
            {
                _order.Remove(key);
                _order.Add(key);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await task.WaitAsync(ct);
    }

    /// <summary>Stops a gateway whose state a scenario changed, so the next one starts clean.</summary>
    public async Task RetireAsync(GatewayKind kind, GatewaySpec spec)
    {
        await _gate.WaitAsync();
        try
        {
            var key = (kind, spec.Key);
            if (_alive.Remove(key, out var task))
            {
                _order.Remove(key);
                (await task).Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Evict(GatewayKind kind)
    {
        var mine = _order.Where(k => k.Kind == kind).ToList();
        while (mine.Count >= MaxAlivePerKind)
        {
            var victim = mine[0];
            mine.RemoveAt(0);
            _order.Remove(victim);
            if (_alive.Remove(victim, out var t))
            {
                t.ContinueWith(static x => x.Result.Dispose(), TaskScheduler.Default).Wait();
            }
        }
    }

    public void Dispose()
    {
        foreach (var t in _alive.Values)
        {
            try
            {
                t.GetAwaiter().GetResult().Dispose();
            }
            catch (Exception)
            {
                // A failed start left nothing to stop.
            }
        }

        _alive.Clear();
        _gate.Dispose();
    }
}
