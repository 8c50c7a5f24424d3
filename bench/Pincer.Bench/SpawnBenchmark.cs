using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>Spawn → first hello-ok: start the gateway, retry the WS upgrade every 5 ms until the
/// port accepts, handshake; a retryable refusal (reference: UNAVAILABLE startup-sidecars) is
/// retried on a fresh socket after 20 ms. Timed from just before Process.Start to the moment the
/// hello-ok response frame has been read.</summary>
internal static class SpawnBenchmark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static async Task<JsonObject> RunAsync(GatewayTarget target, BenchOptions o, int runs, CancellationToken ct)
    {
        var helloMs = new List<double>();
        var upgradeMs = new List<double>();
        var runsJson = new JsonArray();
        for (var run = 1; run <= runs; run++)
        {
            var runDir = Path.Combine(o.WorkDir, $"{target.Name}-spawn-{run}");
            if (Directory.Exists(runDir))
            {
                Directory.Delete(runDir, recursive: true);
            }
            using var gw = GatewayProcess.Start(target, runDir, PortAllocator.Next(), o.Token);
            var (hello, upgrade, attempts, refusals, detail) = await FirstHelloAsync(gw, o.Token, ct);
            Console.WriteLine($"  [{target.Name}] spawn run {run}/{runs}: ws upgrade {upgrade:F1} ms, hello-ok {hello:F1} ms ({attempts} upgrade attempts, {refusals} refused handshakes){(detail.Length > 0 ? " — " + detail : "")}");
            if (!double.IsNaN(hello))
            {
                helloMs.Add(hello);
                upgradeMs.Add(upgrade);
            }
            runsJson.Add(new JsonObject
            {
                ["run"] = run,
                ["wsUpgradeMs"] = Stats.Round(upgrade, 1),
                ["helloOkMs"] = Stats.Round(hello, 1),
                ["upgradeAttempts"] = attempts,
                ["refusedHandshakes"] = refusals,
                ["error"] = detail.Length > 0 ? detail : null,
            });
        }
        return new JsonObject
        {
            ["runs"] = runs,
            ["successfulRuns"] = helloMs.Count,
            ["helloOkMedianMs"] = Stats.Round(Stats.Median(helloMs), 1),
            ["helloOkMinMs"] = helloMs.Count > 0 ? Stats.Round(helloMs.Min(), 1) : null,
            ["helloOkMaxMs"] = helloMs.Count > 0 ? Stats.Round(helloMs.Max(), 1) : null,
            ["wsUpgradeMedianMs"] = Stats.Round(Stats.Median(upgradeMs), 1),
            ["perRun"] = runsJson,
        };
    }

    private static async Task<(double Hello, double Upgrade, int Attempts, int Refusals, string Detail)> FirstHelloAsync(
        GatewayProcess gw, string token, CancellationToken ct)
    {
        var attempts = 0;
        var refusals = 0;
        var upgrade = double.NaN;
        var lastDetail = "";
        while (Stopwatch.GetElapsedTime(gw.StartTimestamp) < Deadline)
        {
            if (gw.HasExited)
            {
                return (double.NaN, upgrade, attempts, refusals, "gateway exited: " + gw.LogTail(600));
            }
            attempts++;
            using var conn = await GatewayConnection.TryOpenAsync(gw.Port, TimeSpan.FromSeconds(5), ct);
            if (conn is null)
            {
                await Task.Delay(5, ct);
                continue;
            }
            if (double.IsNaN(upgrade))
            {
                upgrade = Stopwatch.GetElapsedTime(gw.StartTimestamp).TotalMilliseconds;
            }
            using var hsCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            hsCts.CancelAfter(TimeSpan.FromSeconds(20));
            HandshakeOutcome outcome;
            try
            {
                outcome = await conn.HandshakeAsync(token, hsCts.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                outcome = new HandshakeOutcome(false, true, ex.GetType().Name + ": " + ex.Message, 0);
            }
            if (outcome.Ok)
            {
                return (Stopwatch.GetElapsedTime(gw.StartTimestamp).TotalMilliseconds, upgrade, attempts, refusals, "");
            }
            refusals++;
            lastDetail = outcome.Detail;
            if (!outcome.Retryable)
            {
                return (double.NaN, upgrade, attempts, refusals, "handshake failed: " + outcome.Detail);
            }
            await Task.Delay(20, ct);
        }
        return (double.NaN, upgrade, attempts, refusals, "deadline exceeded; last: " + lastDetail);
    }
}
