using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>Renders the results JSON as a markdown table (reference / Pincer ratios, targets).</summary>
internal static class Report
{
    public static string Markdown(JsonObject results)
    {
        var p = results["pincer"] as JsonObject;
        var r = results["reference"] as JsonObject;
        var sb = new StringBuilder();
        sb.AppendLine("| Metric | Pincer (AOT) | Reference (openclaw 2026.9.6) | Reference / Pincer | Target | Pincer vs target |");
        sb.AppendLine("|---|---:|---:|---:|---|---|");
        Row(sb, $"spawn → first hello-ok, median (Pincer n={Int(p, "spawn", "successfulRuns")}, reference n={Int(r, "spawn", "successfulRuns")})",
            Num(p, "spawn", "helloOkMedianMs"), Num(r, "spawn", "helloOkMedianMs"), "ms", 150, "≤ 150 ms");
        Row(sb, "spawn → first hello-ok, min … max",
            Num(p, "spawn", "helloOkMinMs"), Num(r, "spawn", "helloOkMinMs"), "ms", null, "", Num(p, "spawn", "helloOkMaxMs"), Num(r, "spawn", "helloOkMaxMs"));
        Row(sb, "spawn → WS upgrade accepted, median", Num(p, "spawn", "wsUpgradeMedianMs"), Num(r, "spawn", "wsUpgradeMedianMs"), "ms", null, "");
        Row(sb, "spawn → GET /readyz 200 (steady-state run, n=1)", Num(p, "steady", "readyzMs"), Num(r, "steady", "readyzMs"), "ms", null, "");
        Row(sb, "idle RSS 60 s after ready, process tree", Mb(p, "treeRssKb"), Mb(r, "treeRssKb"), "MB", 40, "≤ 40 MB");
        Row(sb, "idle RSS 60 s after ready, main process only", Mb(p, "mainRssKb"), Mb(r, "mainRssKb"), "MB", null, "");
        foreach (var m in new[] { "health", "config.get" })
        {
            var calls = $"n={Int(p, "steady", "latency", m, "calls")} / {Int(r, "steady", "latency", m, "calls")}";
            Row(sb, $"`{m}` p50 ({calls})", Num(p, "steady", "latency", m, "p50Ms"), Num(r, "steady", "latency", m, "p50Ms"), "ms", null, "");
            Row(sb, $"`{m}` p99 ({calls})", Num(p, "steady", "latency", m, "p99Ms"), Num(r, "steady", "latency", m, "p99Ms"), "ms", 2, "≤ 2 ms");
        }
        return sb.ToString();
    }

    /// <summary>sessions.list p50/p99 per store size, both gateways and their ratio.</summary>
    public static string SessionsMarkdown(JsonObject results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Metric | Pincer (AOT) | Reference (openclaw 2026.9.6) | Reference / Pincer | Target | Pincer vs target |");
        sb.AppendLine("|---|---:|---:|---:|---|---|");
        var pRuns = (results["pincer"] as JsonObject)?["sessionsList"] as JsonArray ?? [];
        var rRuns = (results["reference"] as JsonObject)?["sessionsList"] as JsonArray ?? [];
        var counts = pRuns.Concat(rRuns).OfType<JsonObject>().Select(x => (int)x["sessions"]!).Distinct().Order();
        foreach (var count in counts)
        {
            JsonObject? Run(JsonArray runs) => runs.OfType<JsonObject>().FirstOrDefault(x => (int)x["sessions"]! == count);
            double? V(JsonObject? run, string key) => run?[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
            var p = Run(pRuns);
            var r = Run(rRuns);
            var n = $"n={p?["calls"]} / {r?["calls"]}";
            Row(sb, $"`sessions.list` p50, {count:N0} sessions ({n})", V(p, "p50Ms"), V(r, "p50Ms"), "ms", null, "");
            Row(sb, $"`sessions.list` p99, {count:N0} sessions ({n})", V(p, "p99Ms"), V(r, "p99Ms"), "ms", null, "");
        }

        return sb.ToString();
    }

    internal static void Row(StringBuilder sb, string name, double? pv, double? rv, string unit, double? target, string targetText,
        double? pMax = null, double? rMax = null)
    {
        static string F(double? v, string unit) => v is null || double.IsNaN(v.Value) ? "n/a"
            : v.Value.ToString(v.Value >= 100 ? "N0" : v.Value >= 10 ? "N1" : "N3", CultureInfo.InvariantCulture) + " " + unit;
        var pText = pMax is null ? F(pv, unit) : F(pv, unit) + " … " + F(pMax, unit);
        var rText = rMax is null ? F(rv, unit) : F(rv, unit) + " … " + F(rMax, unit);
        var ratio = pv is > 0 && rv is not null && pMax is null ? (rv.Value / pv.Value).ToString("N1", CultureInfo.InvariantCulture) + "×" : "";
        var verdict = target is null || pv is null || double.IsNaN(pv.Value) ? "" : pv.Value <= target.Value ? "met" : "**missed**";
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {pText} | {rText} | {ratio} | {targetText} | {verdict} |");
    }

    private static double? Mb(JsonObject? side, string field)
    {
        var kb = Num(side, "steady", "idle", field);
        return kb is null ? null : kb.Value / 1024.0;
    }

    private static int? Int(JsonObject? side, params string[] path)
    {
        var v = Num(side, path);
        return v is null ? null : (int)v.Value;
    }

    private static double? Num(JsonObject? side, params string[] path)
    {
        JsonNode? node = side;
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d
            : node is JsonValue v2 && v2.TryGetValue<long>(out var l) ? l
            : node is JsonValue v3 && v3.TryGetValue<int>(out var i) ? i : null;
    }
}
