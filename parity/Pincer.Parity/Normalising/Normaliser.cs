using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Parity.Normalising;

/// <summary>
/// Replaces run-to-run noise with placeholders before diffing. Each rule is narrow on purpose and has
/// a test showing a real difference survives it (see NormaliserRuleTests).
/// </summary>
public static partial class Normaliser
{
    private static readonly HashSet<string> DurationKeys = new(StringComparer.Ordinal)
    {
        "durationMs", "uptimeMs", "elapsedMs", "latencyMs", "ageMs", "readyMs", "tookMs", "intervalMs",
        "delayP99Ms", "delayMaxMs", "degradedSinceMs", "lastActivityAgeMs",
    };

    private static readonly HashSet<string> EnvironmentKeys = new(StringComparer.Ordinal)
    {
        "eventLoop", "processMemory", "memoryUsage", "cpuUsage", "cpuBreakdown", "loadavg", "hostCpuCount",
        "totalMemoryBytes", "freeMemoryBytes",
    };

    public static IReadOnlyList<NormaliserRule> Rules { get; } =
    [
        new("run-dir", "each gateway runs in its own throwaway HOME/state dir",
            (_, _, n, ctx) => Text(n, s => ctx.RunPaths.Aggregate(s, (acc, p) => p.Length > 0 ? acc.Replace(p, "<run>", StringComparison.Ordinal) : acc))),
        new("loopback-port", "each gateway listens on its own free loopback port",
            (_, key, n, ctx) => ctx.Ports.Count == 0 ? null
                : key == "port" && n is JsonValue v && v.TryGetValue<int>(out var p) && ctx.Ports.Contains(p) ? JsonValue.Create("<port>")
                : Text(n, s => LoopbackPort().Replace(s, m => ctx.Ports.Contains(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) ? m.Groups[1].Value + ":<port>" : m.Value))),
        new("uuid", "nonces, connection/boot/request ids are random v4 uuids",
            (_, _, n, _) => Text(n, s => Uuid().Replace(s, "<uuid>"))),
        new("iso-time", "wall-clock timestamps in text",
            (_, _, n, _) => Text(n, s => IsoTime().Replace(s, "<time>"))),
        new("epoch-ms", "wall-clock epoch milliseconds (challenge ts, signedAt, issuedAtMs, health ts)",
            (_, _, n, _) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var ms)
                && ms is >= 1_000_000_000_000 and < 10_000_000_000_000 ? JsonValue.Create("<epoch-ms>") : null),
        new("duration", "measured durations, by property name only (retryAfterMs/tickIntervalMs are behaviour and stay)",
            (_, key, n, _) => key is not null && DurationKeys.Contains(key) && n is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValue.Create("<duration>") : null),
        new("environment", "host and process figures: event loop, memory, CPU, plugins actually loaded",
            (path, key, n, _) => key is not null && (EnvironmentKeys.Contains(key) || (key == "loaded" && path.EndsWith("plugins.loaded", StringComparison.Ordinal)))
                ? JsonValue.Create("<env>") : null),
        new("state-version", "presence/health counters advance with the 60 s health refresh, i.e. with time",
            (_, key, n, _) => key == "stateVersion" && n is JsonObject ? JsonValue.Create("<state-version>") : null),
        new("pid", "process ids",
            (_, key, n, _) => key is "pid" or "ppid" && n is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValue.Create("<pid>") : null),
        new("build-id", "build ids embed a commit and build time; the version itself is compared (see EXPLAINED.md)",
            (path, key, n, _) => key == "buildId" && path.EndsWith("server.buildId", StringComparison.Ordinal) && n is JsonValue ? JsonValue.Create("<build-id>") : null),
        new("keyed-hmac", "config hashes are HMACs keyed by a per-install random secret",
            (_, _, n, _) => Text(n, s => KeyedHmac().Replace(s, "hmac-sha256:v1:<hmac>"))),
        new("capability-url", "plugin surface URLs carry a random per-process capability token",
            (_, _, n, _) => Text(n, s => CapabilityUrl().Replace(s, "/__openclaw__/cap/<cap>"))),
        new("envelope-time", "the wall-clock minute a user message was accepted, as the model sees it ([Mon 2026-12-07 03:10 UTC])",
            (_, _, n, _) => Text(n, s => EnvelopeTime().Replace(s, "[<envelope-time>]"))),
        new("issued-secret", "device tokens and recovery scopes are fresh random secrets (or hashes of them) per connect",
            (_, key, n, _) => key is "deviceToken" or "recoveryScope" && n is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? JsonValue.Create("<" + key + ">") : null),
    ];

    /// <summary>Returns a normalised deep copy.</summary>
    public static JsonNode? Normalise(JsonNode? node, NormaliseContext ctx, IReadOnlyList<NormaliserRule>? rules = null)
    {
        var copy = node?.DeepClone();
        return Walk(copy, "", null, ctx, rules ?? Rules);
    }

    private static JsonNode? Walk(JsonNode? node, string path, string? key, NormaliseContext ctx, IReadOnlyList<NormaliserRule> rules)
    {
        if (node is null)
        {
            return null;
        }

        foreach (var rule in rules)
        {
            var replaced = rule.Rewrite(path, key, node, ctx);
            if (replaced is null)
            {
                continue;
            }

            // A replaced container is opaque from here on; a rewritten string still meets later rules.
            if (replaced is JsonValue rv && rv.GetValueKind() == JsonValueKind.String && node is JsonValue nv && nv.GetValueKind() == JsonValueKind.String)
            {
                node = replaced;
                continue;
            }

            return replaced;
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var k in o.Select(kv => kv.Key).ToList())
                {
                    o[k] = Walk(o[k]?.DeepClone(), path.Length == 0 ? k : path + "." + k, k, ctx, rules);
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Walk(a[i]?.DeepClone(), path + "[" + i + "]", null, ctx, rules);
                }

                return a;
            default:
                return node;
        }
    }

    private static JsonValue? Text(JsonNode n, Func<string, string> rewrite)
    {
        if (n is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return null;
        }

        var r = rewrite(s);
        return ReferenceEquals(r, s) || r == s ? null : JsonValue.Create(r);
    }

    [GeneratedRegex(@"(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})\b")]
    private static partial Regex LoopbackPort();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"/__openclaw__/cap/[A-Za-z0-9_-]{8,}")]
    private static partial Regex CapabilityUrl();

    [GeneratedRegex(@"\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d{2}-\d{2} \d{2}:\d{2}(?: [A-Za-z][A-Za-z0-9+:/_-]*)?\]")]
    private static partial Regex EnvelopeTime();

    [GeneratedRegex(@"hmac-sha256:v1:[A-Za-z0-9_-]{16,}")]
    private static partial Regex KeyedHmac();
}
