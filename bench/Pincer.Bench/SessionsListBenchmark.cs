using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>
/// <c>sessions.list</c> latency over a store of N sessions (default page: the newest 100), one
/// connection, sequential calls — each gateway started on its own copy of the same seeded state dir.
/// </summary>
internal static class SessionsListBenchmark
{
    public static async Task<JsonObject> RunAsync(GatewayTarget target, string seedStateDir, int sessions, BenchOptions o, CancellationToken ct)
    {
        var runDir = Path.Combine(o.WorkDir, $"{target.Name}-sessions-{sessions.ToString(CultureInfo.InvariantCulture)}");
        if (Directory.Exists(runDir))
        {
            Directory.Delete(runDir, recursive: true);
        }

        var result = new JsonObject { ["sessions"] = sessions };
        using var gw = GatewayProcess.Start(target, runDir, PortAllocator.Next(), o.Token, seedStateDir);
        var readyMs = await SteadyStateBenchmark.WaitReadyzAsync(gw, ct);
        result["readyzMs"] = Stats.Round(readyMs, 1);
        if (double.IsNaN(readyMs))
        {
            result["error"] = "not ready: " + gw.LogTail(600);
            return result;
        }

        using var conn = await SteadyStateBenchmark.ConnectAsync(gw, o.Token, ct);
        const int warmup = 20;
        for (var i = 0; i < warmup; i++)
        {
            await conn.CallAsync("sessions.list", "w" + i.ToString(CultureInfo.InvariantCulture), ct);
        }

        var samples = new List<double>(o.SessionListCalls);
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < o.SessionListCalls && budget.Elapsed < TimeSpan.FromSeconds(o.CallBudgetSeconds); i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await conn.CallAsync("sessions.list", "s" + i.ToString(CultureInfo.InvariantCulture), ct);
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        result["warmup"] = warmup;
        result["calls"] = samples.Count;
        result["p50Ms"] = Stats.Round(Stats.Percentile(samples, 50));
        result["p99Ms"] = Stats.Round(Stats.Percentile(samples, 99));
        result["maxMs"] = Stats.Round(samples.Count > 0 ? samples.Max() : double.NaN);
        result["afterCalls"] = SteadyStateBenchmark.Memory(gw.Pid);
        return result;
    }
}
