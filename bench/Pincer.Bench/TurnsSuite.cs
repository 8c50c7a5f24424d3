using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>The <c>turns</c> suite: every phase on each gateway with its default maxConcurrent, then the
/// concurrent phase again per configured maxConcurrent variant; writes turns-latest.{json,md}.</summary>
internal static class TurnsSuite
{
    public static async Task<int> RunAsync(JsonObject results, List<GatewayTarget> targets, BenchOptions o, CancellationToken ct)
    {
        results["config"]!["turns"] = new JsonObject
        {
            ["sequentialTurns"] = o.Turns,
            ["warmupTurns"] = o.TurnWarmup,
            ["concurrentSessions"] = o.ConcurrentSessions,
            ["concurrentTurnsPerSession"] = o.ConcurrentTurnsPerSession,
            ["pincerRssTurns"] = o.RssTurns,
            ["referenceRssTurns"] = o.ReferenceRssTurns,
            ["referenceSequentialTurns"] = o.ReferenceTurns,
            ["referenceConcurrentTurnsPerSession"] = o.ReferenceConcurrentTurnsPerSession,
            ["maxConcurrentVariantTargets"] = o.MaxConcurrentVariantTargets,
            ["rssWarmupTurns"] = o.RssWarmup,
            ["maxConcurrentVariants"] = new JsonArray([.. o.MaxConcurrentVariants.Select(v => (JsonNode)v)]),
            ["phases"] = new JsonArray([.. o.TurnPhases.Select(p => (JsonNode)p)]),
            ["fakeReply"] = new JsonObject { ["text"] = FakeModelProbe.ReplyText, ["chunks"] = FakeModelProbe.ReplyChunks, ["delayMs"] = 0 },
        };
        var exit = await BenchResults.GuardAsync(results, async () =>
        {
            foreach (var target in targets)
            {
                Console.WriteLine($"== {target.Name}: agent turns  (load {MachineInfo.LoadAvg()})");
                var side = Side(results, target.Name);
                side["turns"] = await TurnsBenchmark.RunAsync(target, o, null, o.TurnPhases.ToHashSet(StringComparer.Ordinal), ct);
                Write(results, o);
                if (!o.TurnPhases.Contains("concurrent") || o.MaxConcurrentVariantTargets is not ("all" or "both") && o.MaxConcurrentVariantTargets != target.Name)
                {
                    continue;
                }
                var variants = new JsonArray();
                side["turnsMaxConcurrent"] = variants;
                foreach (var max in o.MaxConcurrentVariants)
                {
                    Console.WriteLine($"== {target.Name}: concurrent turns, maxConcurrent={max}  (load {MachineInfo.LoadAvg()})");
                    variants.Add(await TurnsBenchmark.RunAsync(target, o, max, new HashSet<string>(["concurrent"], StringComparer.Ordinal), ct));
                    Write(results, o);
                }
            }
        });
        results["loadAvgAtEnd"] = MachineInfo.LoadAvg();
        Write(results, o);
        Console.WriteLine(TurnsReport.Markdown(results));
        return exit;
    }

    private static JsonObject Side(JsonObject results, string name) => BenchResults.Side(results, name);

    private static void Write(JsonObject results, BenchOptions o) => BenchResults.Write(results, o, "turns-latest", TurnsReport.Markdown);
}
