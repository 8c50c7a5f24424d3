using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pincer.Gateway.Health;

/// <summary>
/// Pincer's counterpart of the reference's event-loop monitor: how late a 1 s timer fires on the
/// thread pool (scheduling delay) and how much CPU the process uses, sampled continuously.
/// </summary>
internal sealed class EventLoopMonitor(TimeProvider time) : IAsyncDisposable
{
    private const int IntervalMs = 1000;
    private readonly CancellationTokenSource _stop = new();
    private readonly double[] _delays = new double[60];
    private int _count;
    private double _lastIntervalMs = IntervalMs;
    private double _cpuRatio;
    private Task? _loop;

    public void Start() => _loop = RunAsync(_stop.Token);

    public JsonObject Snapshot()
    {
        double p99, max;
        lock (_delays)
        {
            var n = Math.Min(_count, _delays.Length);
            var sample = _delays.AsSpan(0, n).ToArray();
            Array.Sort(sample);
            p99 = n == 0 ? 0 : sample[Math.Min(n - 1, (int)Math.Ceiling(n * 0.99) - 1)];
            max = n == 0 ? 0 : sample[^1];
        }

        var cores = Environment.ProcessorCount;
        return new JsonObject
        {
            ["degraded"] = false,
            ["degradedSinceMs"] = null,
            ["reasons"] = new JsonArray(),
            ["intervalMs"] = Math.Round(_lastIntervalMs, 3),
            ["delayP99Ms"] = Math.Round(p99, 1),
            ["delayMaxMs"] = Math.Round(max, 1),
            ["utilization"] = Math.Round(Math.Min(1, _cpuRatio), 3),
            ["cpuCoreRatio"] = Math.Round(_cpuRatio, 3),
            ["cpuBreakdown"] = new JsonObject
            {
                ["mainThreadCoreRatio"] = Math.Round(_cpuRatio, 3),
                ["hostUtilization"] = Math.Round(_cpuRatio / cores, 3),
                ["hostCpuCount"] = cores,
                ["workerCoreRatio"] = 0,
                ["otherThreadsCoreRatio"] = 0,
            },
        };
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(IntervalMs), time);
        var lastTick = Stopwatch.GetTimestamp();
        var lastCpu = Environment.CpuUsage.TotalTime;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(lastTick, now).TotalMilliseconds;
                lastTick = now;
                // Environment.CpuUsage reads the counters without allocating, so an idle gateway stays idle.
                var cpu = Environment.CpuUsage.TotalTime;
                _cpuRatio = (cpu - lastCpu).TotalMilliseconds / Math.Max(1, elapsed);
                lastCpu = cpu;
                _lastIntervalMs = elapsed;
                lock (_delays)
                {
                    _delays[_count++ % _delays.Length] = Math.Max(0, elapsed - IntervalMs);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
