using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>Runs the side-by-side benchmarks and writes bench/results/latest.{json,md}.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions o;
        try
        {
            o = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ProcessRegistry.KillAll();
        Directory.CreateDirectory(o.WorkDir);
        Directory.CreateDirectory(o.ResultsDir);

        var results = new JsonObject
        {
            ["timestampUtc"] = DateTime.UtcNow.ToString("O"),
            ["machine"] = MachineInfo.Collect(),
            ["config"] = new JsonObject
            {
                ["pincerExe"] = o.PincerExe,
                ["referenceExe"] = o.ReferenceExe,
                ["pincerSpawnRuns"] = o.PincerSpawnRuns,
                ["referenceSpawnRuns"] = o.ReferenceSpawnRuns,
                ["idleSeconds"] = o.IdleSeconds,
                ["calls"] = o.Calls,
                ["warmup"] = o.Warmup,
                ["callBudgetSeconds"] = o.CallBudgetSeconds,
            },
        };
        var targets = new List<(GatewayTarget Target, int SpawnRuns)>();
        if (o.Only is "all" or "pincer")
        {
            targets.Add((new GatewayTarget("pincer", o.PincerExe), o.PincerSpawnRuns));
        }
        if (o.Only is "all" or "reference")
        {
            targets.Add((new GatewayTarget("reference", o.ReferenceExe), o.ReferenceSpawnRuns));
        }
        var exit = 0;
        if (o.Suite == "sessions")
        {
            return await RunSessionsSuiteAsync(results, targets.Select(t => t.Target).ToList(), o, cts.Token);
        }
        if (o.Suite == "turns")
        {
            return await TurnsSuite.RunAsync(results, targets.Select(t => t.Target).ToList(), o, cts.Token);
        }

        exit = await BenchResults.GuardAsync(results, async () =>
        {
            foreach (var (target, runs) in targets)
            {
                Console.WriteLine($"== {target.Name}: spawn → hello-ok x{runs}  (load {MachineInfo.LoadAvg()})");
                Side(results, target.Name)["spawn"] = await SpawnBenchmark.RunAsync(target, o, runs, cts.Token);
                Write(results, o);
            }
            foreach (var (target, _) in targets)
            {
                Console.WriteLine($"== {target.Name}: idle RSS + latency  (load {MachineInfo.LoadAvg()})");
                Side(results, target.Name)["steady"] = await SteadyStateBenchmark.RunAsync(target, o, cts.Token);
                Write(results, o);
            }
        });
        results["loadAvgAtEnd"] = MachineInfo.LoadAvg();
        Write(results, o);
        Console.WriteLine();
        Console.WriteLine(Report.Markdown(results));
        return exit;
    }

    /// <summary>sessions.list p50/p99 per store size; results go to sessions-latest.{json,md}.</summary>
    private static async Task<int> RunSessionsSuiteAsync(JsonObject results, List<GatewayTarget> targets, BenchOptions o, CancellationToken ct)
    {
        var exit = await BenchResults.GuardAsync(results, async () =>
        {
            foreach (var count in o.SessionCounts)
            {
                Console.WriteLine($"== seeding {count} sessions");
                var seed = await SessionStoreSeeder.SeedAsync(o.WorkDir, count, ct);
                foreach (var target in targets)
                {
                    Console.WriteLine($"== {target.Name}: sessions.list over {count} sessions  (load {MachineInfo.LoadAvg()})");
                    var run = await SessionsListBenchmark.RunAsync(target, seed, count, o, ct);
                    Console.WriteLine($"  [{target.Name}] {run.ToJsonString()}");
                    if (Side(results, target.Name)["sessionsList"] is not JsonArray runs)
                    {
                        Side(results, target.Name)["sessionsList"] = runs = [];
                    }

                    runs.Add(run);
                    WriteSessions(results, o);
                }
            }
        });

        WriteSessions(results, o);
        Console.WriteLine(Report.SessionsMarkdown(results));
        return exit;
    }

    private static void WriteSessions(JsonObject results, BenchOptions o) => BenchResults.Write(results, o, "sessions-latest", Report.SessionsMarkdown);

    private static JsonObject Side(JsonObject results, string name) => BenchResults.Side(results, name);

    private static void Write(JsonObject results, BenchOptions o) => BenchResults.Write(results, o, "latest", Report.Markdown);
}
