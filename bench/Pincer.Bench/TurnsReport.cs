using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>Markdown table of the turns suite: latency split, concurrency, RSS over a long run.</summary>
internal static class TurnsReport
{
    public static string Markdown(JsonObject results)
    {
        var p = (results["pincer"] as JsonObject)?["turns"] as JsonObject;
        var r = (results["reference"] as JsonObject)?["turns"] as JsonObject;
        var sb = new StringBuilder();
        sb.AppendLine("| Metric | Pincer (AOT) | Reference (openclaw 2026.9.6) | Reference / Pincer | Target | Pincer vs target |");
        sb.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var (phase, label) in new[] { ("sequentialFreshSession", "fresh session per turn"), ("sequentialMainSession", "agent:main:main") })
        {
            var n = $"n={V(p, phase, "turns")} / {V(r, phase, "turns")}";
            foreach (var (metric, what, target, targetText) in new (string, string, double?, string)[]
                     {
                         ("sendToFirstDeltaMs", "chat.send → first chat delta", null, ""),
                         ("sendToFinalMs", "chat.send → chat final", null, ""),
                         ("fakeMs", "of which inside the fake provider", null, ""),
                         ("gatewayAddedMs", "gateway-added (final − fake)", 5, "≤ 5 ms (p50)"),
                         ("sendToModelRequestMs", "chat.send → request at the fake", null, ""),
                         ("modelEndToFinalMs", "fake answer end → chat final", null, ""),
                     })
            {
                Report.Row(sb, $"{what}, p50 ({label}, {n})", V(p, phase, metric, "p50"), V(r, phase, metric, "p50"), "ms", target, targetText);
                Report.Row(sb, $"{what}, p99 ({label})", V(p, phase, metric, "p99"), V(r, phase, metric, "p99"), "ms", null, "");
            }
        }
        Concurrent(sb, "default maxConcurrent", p?["concurrent"] as JsonObject, r?["concurrent"] as JsonObject);
        var pv = (results["pincer"] as JsonObject)?["turnsMaxConcurrent"] as JsonArray ?? [];
        var rv = (results["reference"] as JsonObject)?["turnsMaxConcurrent"] as JsonArray ?? [];
        foreach (var variant in pv.Concat(rv).OfType<JsonObject>().Select(x => (int?)x["maxConcurrentConfigured"]).Distinct())
        {
            JsonObject? Pick(JsonArray a) => a.OfType<JsonObject>().FirstOrDefault(x => (int?)x["maxConcurrentConfigured"] == variant)?["concurrent"] as JsonObject;
            Concurrent(sb, $"maxConcurrent={variant}", Pick(pv), Pick(rv));
        }
        var pr = p?["rss"] as JsonObject;
        var rr = r?["rss"] as JsonObject;
        if (pr is not null || rr is not null)
        {
            var n = $"turns {V(pr, "turns")} / {V(rr, "turns")}";
            Report.Row(sb, $"tree RSS after {V(pr, "warmupTurns") ?? V(rr, "warmupTurns")} warm-up turns", Mb(pr, "treeRssKbAtWarmup"), Mb(rr, "treeRssKbAtWarmup"), "MB", null, "");
            Report.Row(sb, $"tree RSS at end ({n})", Mb(pr, "treeRssKbAtEnd"), Mb(rr, "treeRssKbAtEnd"), "MB", null, "");
            Report.Row(sb, "tree RSS, median of the first fifth of 500 ms samples", Mb(pr, "treeRssKbFirstFifthMedian"), Mb(rr, "treeRssKbFirstFifthMedian"), "MB", null, "");
            Report.Row(sb, "tree RSS, median of the last fifth of 500 ms samples", Mb(pr, "treeRssKbLastFifthMedian"), Mb(rr, "treeRssKbLastFifthMedian"), "MB", null, "");
            Report.Row(sb, "tree RSS, max of the last fifth", Mb(pr, "treeRssKbLastFifthMax"), Mb(rr, "treeRssKbLastFifthMax"), "MB", null, "");
            var growth = Mb(pr, "treeRssMedianGrowthKb");
            var verdict = growth is null ? "" : growth <= 5 ? "met" : "**missed**";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| tree RSS growth, last-fifth median − first-fifth median | {F(growth)} MB | {F(Mb(rr, "treeRssMedianGrowthKb"))} MB |  | no growth after warm-up (≤ 5 MB: GC sawtooth) | {verdict} |");
        }
        return sb.ToString();
    }

    private static void Concurrent(StringBuilder sb, string label, JsonObject? p, JsonObject? r)
    {
        if (p is null && r is null)
        {
            return;
        }
        var shape = $"{V(p, "sessions") ?? V(r, "sessions")} sessions × {V(p, "turnsPerSession") ?? V(r, "turnsPerSession")} turns, one connection";
        Report.Row(sb, $"concurrent throughput ({shape}, {label})", V(p, "turnsPerSecond"), V(r, "turnsPerSecond"), "turns/s", null, "");
        Report.Row(sb, $"concurrent turn time p50 ({label})", V(p, "turnMs", "p50"), V(r, "turnMs", "p50"), "ms", null, "");
        Report.Row(sb, $"concurrent turn time p99 ({label})", V(p, "turnMs", "p99"), V(r, "turnMs", "p99"), "ms", null, "");
        Report.Row(sb, $"peak model calls in flight at the fake ({label})", V(p, "peakModelCallsInFlight"), V(r, "peakModelCallsInFlight"), "", null, "");
        Report.Row(sb, $"gateway CPU per turn ({label})", V(p, "gatewayCpuMsPerTurn"), V(r, "gatewayCpuMsPerTurn"), "ms", null, "");
    }

    private static string F(double? v) => v is null ? "n/a" : v.Value.ToString("N1", CultureInfo.InvariantCulture);

    private static double? Mb(JsonObject? o, string key) => V(o, key) is { } kb ? kb / 1024.0 : null;

    private static double? V(JsonObject? o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var key in path)
        {
            node = node is JsonObject obj ? obj[key] : null;
        }
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d
            : node is JsonValue v2 && v2.TryGetValue<long>(out var l) ? l
            : node is JsonValue v3 && v3.TryGetValue<int>(out var i) ? i : null;
    }
}
