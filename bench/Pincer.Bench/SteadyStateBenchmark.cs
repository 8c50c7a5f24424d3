using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>One long-lived gateway: spawn → GET /readyz 200, idle for N seconds with no client,
/// RSS over the process tree, then sequential health / config.get calls on one connection.</summary>
internal static class SteadyStateBenchmark
{
    public static async Task<JsonObject> RunAsync(GatewayTarget target, BenchOptions o, CancellationToken ct)
    {
        var runDir = Path.Combine(o.WorkDir, $"{target.Name}-steady");
        if (Directory.Exists(runDir))
        {
            Directory.Delete(runDir, recursive: true);
        }
        var result = new JsonObject();
        using var gw = GatewayProcess.Start(target, runDir, PortAllocator.Next(), o.Token);
        var readyMs = await WaitReadyzAsync(gw, ct);
        result["readyzMs"] = Stats.Round(readyMs, 1);
        Console.WriteLine($"  [{target.Name}] /readyz 200 after {readyMs:F1} ms; idling {o.IdleSeconds} s with no client");
        if (double.IsNaN(readyMs))
        {
            result["error"] = "not ready: " + gw.LogTail(600);
            return result;
        }
        await Task.Delay(TimeSpan.FromSeconds(o.IdleSeconds), ct);
        result["idle"] = Memory(gw.Pid);
        result["idleSecondsAfterReady"] = o.IdleSeconds;
        Console.WriteLine($"  [{target.Name}] idle: {result["idle"]!.ToJsonString()}");

        using var conn = await ConnectAsync(gw, o.Token, ct);
        var latency = new JsonObject();
        foreach (var method in new[] { "health", "config.get" })
        {
            latency[method] = await MeasureAsync(conn, method, o, ct);
            Console.WriteLine($"  [{target.Name}] {method}: {latency[method]!.ToJsonString()}");
        }
        result["latency"] = latency;
        result["afterCalls"] = Memory(gw.Pid);
        return result;
    }

    internal static async Task<double> WaitReadyzAsync(GatewayProcess gw, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{gw.Port}/readyz");
        while (Stopwatch.GetElapsedTime(gw.StartTimestamp) < TimeSpan.FromSeconds(120) && !gw.HasExited)
        {
            try
            {
                using var resp = await http.GetAsync(url, ct);
                if ((int)resp.StatusCode == 200)
                {
                    return Stopwatch.GetElapsedTime(gw.StartTimestamp).TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // slow answer while starting
            }
            await Task.Delay(20, ct);
        }
        return double.NaN;
    }

    internal static async Task<GatewayConnection> ConnectAsync(GatewayProcess gw, string token, CancellationToken ct)
    {
        var last = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var conn = await GatewayConnection.TryOpenAsync(gw.Port, TimeSpan.FromSeconds(5), ct);
            if (conn is not null)
            {
                var outcome = await conn.HandshakeAsync(token, ct);
                if (outcome.Ok)
                {
                    return conn;
                }
                last = outcome.Detail;
                conn.Dispose();
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException("could not complete the handshake: " + last);
    }

    private static async Task<JsonObject> MeasureAsync(GatewayConnection conn, string method, BenchOptions o, CancellationToken ct)
    {
        var prefix = method[0].ToString();
        for (var i = 0; i < o.Warmup; i++)
        {
            await conn.CallAsync(method, prefix + "w" + i.ToString(CultureInfo.InvariantCulture), ct);
        }
        var samples = new List<double>(o.Calls);
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < o.Calls && budget.Elapsed < TimeSpan.FromSeconds(o.CallBudgetSeconds); i++)
        {
            var id = prefix + i.ToString(CultureInfo.InvariantCulture);
            var t0 = Stopwatch.GetTimestamp();
            await conn.CallAsync(method, id, ct);
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return new JsonObject
        {
            ["warmup"] = o.Warmup,
            ["calls"] = samples.Count,
            ["callsRequested"] = o.Calls,
            ["wallSeconds"] = Stats.Round(budget.Elapsed.TotalSeconds, 2),
            ["p50Ms"] = Stats.Round(Stats.Percentile(samples, 50)),
            ["p90Ms"] = Stats.Round(Stats.Percentile(samples, 90)),
            ["p99Ms"] = Stats.Round(Stats.Percentile(samples, 99)),
            ["maxMs"] = Stats.Round(samples.Count > 0 ? samples.Max() : double.NaN),
            ["meanMs"] = Stats.Round(samples.Count > 0 ? samples.Average() : double.NaN),
        };
    }

    internal static JsonObject Memory(int root)
    {
        var tree = ProcessTree.WithDescendants(root);
        var procs = new JsonArray();
        long total = 0;
        foreach (var pid in tree)
        {
            var rss = ProcessTree.StatusKb(pid, "VmRSS");
            if (rss < 0)
            {
                continue;
            }
            total += rss;
            procs.Add(new JsonObject
            {
                ["pid"] = pid,
                ["rssKb"] = rss,
                ["hwmKb"] = ProcessTree.StatusKb(pid, "VmHWM"),
                ["cmd"] = ProcessTree.CommandLine(pid),
            });
        }
        return new JsonObject
        {
            ["mainRssKb"] = ProcessTree.StatusKb(root, "VmRSS"),
            ["mainHwmKb"] = ProcessTree.StatusKb(root, "VmHWM"),
            ["treeRssKb"] = total,
            ["processCount"] = procs.Count,
            ["processes"] = procs,
        };
    }
}
