using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>
/// Agent turns against a zero-delay fake OpenAI-compatible provider (one per gateway):
/// sequential <c>chat.send</c> → first chat delta / final with the fake's own time split out,
/// 100 sessions at once (throughput, turn time, the concurrency the fake actually sees), and RSS of
/// the process tree over a long run of turns.
/// </summary>
internal static class TurnsBenchmark
{
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(60);

    /// <param name="maxConcurrent">agents.defaults.maxConcurrent to configure; null = the default.</param>
    /// <param name="phases">Which phases to run: sequential, concurrent, rss.</param>
    public static async Task<JsonObject> RunAsync(GatewayTarget target, BenchOptions o, int? maxConcurrent, IReadOnlySet<string> phases, CancellationToken ct)
    {
        var suffix = maxConcurrent is null ? "" : "-mc" + maxConcurrent.Value.ToString(CultureInfo.InvariantCulture);
        var runDir = Path.Combine(o.WorkDir, $"{target.Name}-turns{suffix}");
        if (Directory.Exists(runDir))
        {
            Directory.Delete(runDir, recursive: true);
        }
        Directory.CreateDirectory(runDir);
        TurnsConfig.WriteWorkspace(runDir);

        var result = new JsonObject { ["maxConcurrentConfigured"] = maxConcurrent };
        await using var fake = await FakeModelProbe.StartAsync(ct);
        using var gw = GatewayProcess.Start(target, runDir, PortAllocator.Next(), o.Token, configJson: TurnsConfig.Build(fake.BaseUrl, runDir, maxConcurrent));
        var readyMs = await SteadyStateBenchmark.WaitReadyzAsync(gw, ct);
        result["readyzMs"] = Stats.Round(readyMs, 1);
        if (double.IsNaN(readyMs))
        {
            result["error"] = "not ready: " + gw.LogTail(600);
            return result;
        }
        await using var client = await TurnClient.ConnectAsync(gw, o.Token, ct);
        var log = (string line) => Console.WriteLine($"  [{target.Name}{suffix}] {line}");

        // Warm-up: first turns pay for lazy init (prompt assembly, provider client, JIT on the reference).
        var warm = await SequentialAsync(client, fake, o.TurnWarmup, i => $"agent:main:bench-warm-{i}", "w", ct);
        result["warmup"] = warm;
        log($"warm-up x{o.TurnWarmup}: {Brief(warm)}");
        if (warm["errors"]!.GetValue<int>() == o.TurnWarmup)
        {
            result["error"] = "every warm-up turn failed: " + (string?)warm["firstError"] + "\n" + gw.LogTail(1500);
            return result;
        }

        var isRef = target.Name == "reference";
        var turns = isRef ? o.ReferenceTurns : o.Turns;
        var perSession = isRef ? o.ReferenceConcurrentTurnsPerSession : o.ConcurrentTurnsPerSession;
        if (phases.Contains("sequential"))
        {
            var fresh = await SequentialAsync(client, fake, turns, i => $"agent:main:bench-seq-{i}", "s", ct);
            result["sequentialFreshSession"] = fresh;
            log($"sequential, fresh session per turn x{turns}: {Brief(fresh)}");
            var main = await SequentialAsync(client, fake, turns, _ => "agent:main:main", "m", ct);
            result["sequentialMainSession"] = main;
            log($"sequential, agent:main:main x{turns}: {Brief(main)}");
        }

        if (phases.Contains("concurrent"))
        {
            var conc = await ConcurrentAsync(client, fake, gw, o.ConcurrentSessions, perSession, "c", ct);
            result["concurrent"] = conc;
            log($"concurrent {o.ConcurrentSessions} sessions x{perSession}: {conc.ToJsonString()}");
        }

        if (phases.Contains("rss"))
        {
            var total = isRef ? o.ReferenceRssTurns : o.RssTurns;
            result["rss"] = await RssAsync(client, fake, gw, o, total, log, ct);
        }
        result["gatewayLogTail"] = gw.LogTail(400);
        return result;
    }

    /// <summary>N turns one after another; per turn the fake's generate calls that happened inside it.</summary>
    private static async Task<JsonObject> SequentialAsync(TurnClient client, FakeModelProbe fake, int turns, Func<int, string> key, string prefix, CancellationToken ct)
    {
        var firstDelta = new List<double>(turns);
        var final = new List<double>(turns);
        var ack = new List<double>(turns);
        var fakeMs = new List<double>(turns);
        var added = new List<double>(turns);
        var preModel = new List<double>(turns);
        var postModel = new List<double>(turns);
        var noDelta = 0;
        var errors = 0;
        var generationCounts = new Dictionary<int, int>();
        string? firstError = null;
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < turns; i++)
        {
            fake.Reset();
            var t = await client.RunTurnAsync(key(i), $"Where do crabs live? ({prefix}{i})", $"bench-{run}-{prefix}{i}", TurnTimeout, ct);
            if (t.Error is not null)
            {
                errors++;
                firstError ??= t.Error;
                if (errors >= 10 && errors > turns / 10)
                {
                    break;
                }
                continue;
            }
            var gens = await SettledGenerationsAsync(fake, ct);
            generationCounts[gens.Count] = generationCounts.GetValueOrDefault(gens.Count) + 1;
            final.Add(t.SendToFinalMs);
            ack.Add(t.SendToAckMs);
            if (t.FirstDelta != 0)
            {
                firstDelta.Add(t.SendToFirstDeltaMs);
            }
            else
            {
                noDelta++;
            }
            if (gens.Count > 0)
            {
                var inFake = gens.Sum(g => TurnTiming.Ms(g.Arrived, g.Ended));
                fakeMs.Add(inFake);
                added.Add(t.SendToFinalMs - inFake);
                preModel.Add(TurnTiming.Ms(t.Sent, gens[0].Arrived));
                postModel.Add(TurnTiming.Ms(gens[^1].Ended, t.Final));
            }
        }
        fake.Reset();
        return new JsonObject
        {
            ["turns"] = final.Count,
            ["errors"] = errors,
            ["firstError"] = firstError,
            ["turnsWithoutDelta"] = noDelta,
            ["generationsPerTurn"] = new JsonObject(generationCounts.OrderBy(kv => kv.Key)
                .Select(kv => KeyValuePair.Create(kv.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)kv.Value))),
            ["sendToAckMs"] = Summary(ack),
            ["sendToFirstDeltaMs"] = Summary(firstDelta),
            ["sendToFinalMs"] = Summary(final),
            ["fakeMs"] = Summary(fakeMs),
            ["gatewayAddedMs"] = Summary(added),
            ["sendToModelRequestMs"] = Summary(preModel),
            ["modelEndToFinalMs"] = Summary(postModel),
        };
    }

    /// <summary>The fake stamps a request's end on a pool thread; give the last one a moment to land.</summary>
    private static async Task<List<(long Arrived, long Ended)>> SettledGenerationsAsync(FakeModelProbe fake, CancellationToken ct)
    {
        var gens = fake.Generations();
        for (var spin = 0; spin < 50 && gens.Any(g => g.Ended == 0); spin++)
        {
            await Task.Delay(2, ct);
            gens = fake.Generations();
        }
        return [.. gens.Where(g => g.Ended != 0)];
    }

    /// <summary><paramref name="sessions"/> workers on distinct session keys, all on one connection,
    /// each running <paramref name="turnsPerSession"/> turns back to back.</summary>
    private static async Task<JsonObject> ConcurrentAsync(TurnClient client, FakeModelProbe fake, GatewayProcess gw, int sessions, int turnsPerSession,
        string prefix, CancellationToken ct)
    {
        fake.Reset(resetPeak: true);
        var run = Guid.NewGuid().ToString("N")[..8];
        var turnMs = new List<double>[sessions];
        var errors = 0;
        string? firstError = null;
        var cpu0 = ProcessTree.TreeCpuMs(gw.Pid);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(w => Task.Run(async () =>
        {
            turnMs[w] = new List<double>(turnsPerSession);
            for (var i = 0; i < turnsPerSession; i++)
            {
                var t = await client.RunTurnAsync($"agent:main:bench-{prefix}-{w}", $"Where do crabs live? ({prefix}{w}.{i})", $"bench-{run}-{prefix}{w}.{i}", TurnTimeout, ct);
                if (t.Error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, t.Error, null);
                    continue;
                }
                turnMs[w].Add(t.SendToFinalMs);
            }
        }, ct)));
        wall.Stop();
        var cpu = ProcessTree.TreeCpuMs(gw.Pid) - cpu0;
        var all = turnMs.SelectMany(x => x).ToList();
        var result = new JsonObject
        {
            ["sessions"] = sessions,
            ["turnsPerSession"] = turnsPerSession,
            ["turns"] = all.Count,
            ["errors"] = errors,
            ["firstError"] = firstError,
            ["wallSeconds"] = Stats.Round(wall.Elapsed.TotalSeconds, 2),
            ["turnsPerSecond"] = Stats.Round(all.Count / wall.Elapsed.TotalSeconds, 1),
            ["turnMs"] = Summary(all),
            ["peakModelCallsInFlight"] = fake.PeakInFlight,
            ["gatewayCpuMsPerTurn"] = Stats.Round(all.Count > 0 ? cpu / all.Count : double.NaN, 2),
            ["gatewayCpuUtilisation"] = Stats.Round(cpu / wall.Elapsed.TotalMilliseconds, 2),
        };
        fake.Reset();
        return result;
    }

    /// <summary>
    /// Runs turns over the concurrent workers until the gateway has served <paramref name="total"/> turns in all
    /// (earlier phases count: they are warm-up too). Tree RSS is sampled every 500 ms in the background and at
    /// checkpoints (the first once at least <c>--rss-warmup</c> turns were served); the GC's sawtooth makes single
    /// samples noisy, so the verdict compares the median of the first and the last fifth of the background samples.
    /// </summary>
    private static async Task<JsonObject> RssAsync(TurnClient client, FakeModelProbe fake, GatewayProcess gw, BenchOptions o, int total,
        Action<string> log, CancellationToken ct)
    {
        var sessions = o.ConcurrentSessions;
        var errors = 0;
        var wall = Stopwatch.StartNew();
        // Reach the warm-up mark first when the earlier phases did not.
        var checkpoints = new List<int> { Math.Max(o.RssWarmup, (int)client.TurnsRun) };
        var step = Math.Max(500, (total - checkpoints[0]) / 8);
        for (var c = checkpoints[0] + step; c < total; c += step)
        {
            checkpoints.Add(c);
        }
        if (checkpoints[^1] < total)
        {
            checkpoints.Add(total);
        }
        var perWorker = new int[sessions];
        var samples = new JsonArray();
        var background = new List<(long Turns, double Seconds, long TreeKb)>();
        using var stopSampling = new CancellationTokenSource();
        Task? sampler = null;
        foreach (var checkpoint in checkpoints)
        {
            var batch = checkpoint - (int)client.TurnsRun;
            var next = 0;
            var batchErrors = 0;
            var run = Guid.NewGuid().ToString("N")[..8];
            await Task.WhenAll(Enumerable.Range(0, sessions).Select(w => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) <= batch)
                {
                    var turnsOnKey = Interlocked.Increment(ref perWorker[w]);
                    var key = o.RssTurnsPerSession > 0 ? $"agent:main:bench-rss-{w}-{turnsOnKey / o.RssTurnsPerSession}" : $"agent:main:bench-rss-{w}";
                    var t = await client.RunTurnAsync(key, $"Where do crabs live? (r{n})", $"bench-rss-{run}-{n}", TurnTimeout, ct);
                    if (t.Error is not null)
                    {
                        Interlocked.Increment(ref batchErrors);
                    }
                }
            }, ct)));
            errors += batchErrors;
            fake.Reset();
            var mem = SteadyStateBenchmark.Memory(gw.Pid);
            mem.Remove("processes");
            mem["turns"] = client.TurnsRun;
            mem["seconds"] = Stats.Round(wall.Elapsed.TotalSeconds, 1);
            samples.Add(mem);
            log($"rss after {client.TurnsRun} turns ({wall.Elapsed.TotalSeconds:F0} s, {errors} errors): tree {(long)mem["treeRssKb"]! / 1024} MB, main {(long)mem["mainRssKb"]! / 1024} MB");
            sampler ??= Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    var kb = ProcessTree.WithDescendants(gw.Pid).Select(pid => Math.Max(0, ProcessTree.StatusKb(pid, "VmRSS"))).Sum();
                    lock (background)
                    {
                        background.Add((client.TurnsRun, wall.Elapsed.TotalSeconds, kb));
                    }
                    try
                    {
                        await Task.Delay(500, stopSampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }, CancellationToken.None);
        }
        await stopSampling.CancelAsync();
        if (sampler is not null)
        {
            await sampler;
        }
        var first = (JsonObject)samples[0]!;
        var last = (JsonObject)samples[^1]!;
        var fifth = Math.Max(1, background.Count / 5);
        var early = background.Take(fifth).Select(b => (double)b.TreeKb).ToList();
        var late = background.Skip(background.Count - fifth).Select(b => (double)b.TreeKb).ToList();
        return new JsonObject
        {
            ["turns"] = client.TurnsRun,
            ["warmupTurns"] = (long)first["turns"]!,
            ["sessions"] = sessions,
            ["turnsPerSessionKey"] = o.RssTurnsPerSession,
            ["errors"] = errors,
            ["wallSeconds"] = Stats.Round(wall.Elapsed.TotalSeconds, 1),
            ["treeRssKbAtWarmup"] = (long)first["treeRssKb"]!,
            ["treeRssKbAtEnd"] = (long)last["treeRssKb"]!,
            ["treeRssGrowthKb"] = (long)last["treeRssKb"]! - (long)first["treeRssKb"]!,
            ["backgroundSamples"] = background.Count,
            ["treeRssKbFirstFifthMedian"] = (long)Stats.Median(early),
            ["treeRssKbFirstFifthMax"] = (long)(early.Count > 0 ? early.Max() : 0),
            ["treeRssKbLastFifthMedian"] = (long)Stats.Median(late),
            ["treeRssKbLastFifthMax"] = (long)(late.Count > 0 ? late.Max() : 0),
            ["treeRssMedianGrowthKb"] = (long)(Stats.Median(late) - Stats.Median(early)),
            ["mainHwmKbAtEnd"] = (long)last["mainHwmKb"]!,
            ["checkpoints"] = samples,
            ["series"] = new JsonArray([.. background.Where((_, i) => i % Math.Max(1, background.Count / 60) == 0)
                .Select(b => (JsonNode)new JsonArray((JsonNode)b.Turns, (JsonNode)Math.Round(b.Seconds, 1), (JsonNode)b.TreeKb))]),
        };
    }

    private static JsonObject Summary(List<double> v) => new()
    {
        ["n"] = v.Count,
        ["p50"] = Stats.Round(Stats.Percentile(v, 50)),
        ["p90"] = Stats.Round(Stats.Percentile(v, 90)),
        ["p99"] = Stats.Round(Stats.Percentile(v, 99)),
        ["max"] = Stats.Round(v.Count > 0 ? v.Max() : double.NaN),
        ["mean"] = Stats.Round(v.Count > 0 ? v.Average() : double.NaN),
    };

    private static string Brief(JsonObject s) =>
        $"n={s["turns"]} err={s["errors"]} noDelta={s["turnsWithoutDelta"]} gens={s["generationsPerTurn"]!.ToJsonString()} "
        + $"final p50={s["sendToFinalMs"]!["p50"]} p99={s["sendToFinalMs"]!["p99"]} delta p50={s["sendToFirstDeltaMs"]!["p50"]} "
        + $"fake p50={s["fakeMs"]!["p50"]} added p50={s["gatewayAddedMs"]!["p50"]} p99={s["gatewayAddedMs"]!["p99"]}"
        + (s["firstError"] is { } e ? $" firstError={e}" : "");
}
