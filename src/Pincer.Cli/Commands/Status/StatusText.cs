using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Human form of <c>status</c>: the reference's overview rows in its order (OS, dashboard,
/// tailscale, channel, update, gateway, services, agents, memory, host desktop, probes, events,
/// tasks, heartbeat, sessions), then the channels and sessions sections and pointers. Our wording,
/// plain aligned rows instead of a box table.
/// </summary>
internal static class StatusText
{
    public static void Write(CliContext ctx, JsonObject doc, bool deep)
    {
        var w = ctx.Out;
        var gw = (JsonObject)doc["gateway"]!;
        var rows = new List<(string Label, string Value)>
        {
            ("OS", Str(doc["os"]?["label"]) ?? "?"),
            ("Dashboard", Dashboard(Str(gw["url"]))),
            ("Tailscale", "off"),
            ("Channel", $"{Str(doc["updateChannel"])} ({Str(doc["updateChannelSource"])})"),
            ("Update", Str(doc["update"]?["installKind"]) switch { "package" => "pkg", "git" => "git", _ => "unknown install (native build)" }),
            ("Gateway", GatewayLine(gw)),
            ("Gateway service", ServiceLine(doc["gatewayService"] as JsonObject)),
            ("Node service", ServiceLine(doc["nodeService"] as JsonObject)),
            ("Agents", AgentsLine(doc["agents"] as JsonObject)),
            ("Memory", MemoryLine(doc["memoryPlugin"] as JsonObject)),
            ("Host desktop", HostDesktopStatus.Describe(doc["hostDesktop"])),
            ("Probes", deep ? (doc["health"]?["error"] is { } err ? $"health failed ({err})" : "health ok") : "skipped (use --deep)"),
            ("Events", (doc["queuedSystemEvents"] as JsonArray)?.Count is > 0 and var n ? $"{n} queued" : "none"),
            ("Tasks", TasksLine(doc["tasks"] as JsonObject)),
            ("Heartbeat", HeartbeatLine(doc["heartbeat"] as JsonObject)),
            ("Sessions", SessionsLine(doc["sessions"] as JsonObject)),
        };

        w.WriteLine("OpenClaw status (Pincer)");
        w.WriteLine();
        var width = rows.Max(r => r.Label.Length) + 2;
        foreach (var (label, value) in rows)
        {
            w.WriteLine($"{(label + ":").PadRight(width)}{value}");
        }

        w.WriteLine();
        w.WriteLine("Channels");
        var channels = doc["channelSummary"] as JsonArray;
        w.WriteLine(channels is { Count: > 0 } ? string.Join(Environment.NewLine, channels.Select(c => c?.ToString())) : "No channels configured");
        w.WriteLine();
        w.WriteLine("Sessions");
        var recent = doc["sessions"]?["recent"] as JsonArray;
        w.WriteLine(recent is { Count: > 0 } ? string.Join(Environment.NewLine, recent.Select(r => Str(r?["key"]) ?? "?")) : "No sessions");
        w.WriteLine();
        w.WriteLine("More: openclaw status --all (shareable report) · openclaw status --deep (live probes) · openclaw logs --follow");
        if (gw["reachable"] is JsonValue reach && reach.GetValueKind() == JsonValueKind.False)
        {
            w.WriteLine("Gateway not reachable: check it with openclaw gateway status");
        }
    }

    private static string Dashboard(string? wsUrl) =>
        wsUrl is null ? "?" : (wsUrl.StartsWith("wss://", StringComparison.Ordinal) ? "https://" + wsUrl[6..] : "http://" + wsUrl[5..]).TrimEnd('/') + "/";

    private static string GatewayLine(JsonObject gw)
    {
        var reach = gw["reachable"] is JsonValue r && r.GetValueKind() == JsonValueKind.True
            ? $"reachable {Latency(gw["connectLatencyMs"])}"
            : $"unreachable ({Str(gw["error"])})";
        return $"{Str(gw["mode"])} · {Str(gw["url"])} ({Str(gw["urlSource"])}) · {reach}";
    }

    private static string Latency(JsonNode? ms) =>
        ms is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d >= 1000 ? (d / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "s" : $"{Math.Round(d).ToString(CultureInfo.InvariantCulture)}ms"
            : "";

    private static string ServiceLine(JsonObject? service)
    {
        if (service is null)
        {
            return "unknown";
        }

        var line = $"{Str(service["label"])} {Str(service["loadedText"])}";
        if (Str(service["runtime"]?["inspectionFailure"]?["detail"]) is not null)
        {
            line += $" (inspection failed: {Str(service["runtime"]?["detail"])})";
        }

        return $"{line} · {Str(service["runtimeShort"]) ?? "unknown"}";
    }

    private static string AgentsLine(JsonObject? agents)
    {
        if (agents is null)
        {
            return "unknown";
        }

        var count = (agents["agents"] as JsonArray)?.Count ?? 0;
        var bootstrapping = agents["bootstrapPendingCount"] is JsonValue b && b.GetValueKind() == JsonValueKind.Number && b.ToJsonString() != "0" ? $"{b} bootstrapping" : "none bootstrapping";
        return $"{count} · {bootstrapping} · sessions {agents["totalSessions"]?.ToString() ?? "?"} · default {Str(agents["defaultId"]) ?? "?"}";
    }

    private static string MemoryLine(JsonObject? plugin) =>
        plugin?["enabled"] is JsonValue e && e.GetValueKind() == JsonValueKind.True
            ? $"enabled (plugin {Str(plugin["slot"])}) · not checked"
            : $"disabled ({Str(plugin?["reason"]) ?? "?"})";

    private static string TasksLine(JsonObject? tasks)
    {
        var total = tasks?["total"]?.ToJsonString() ?? "0";
        return total == "0" ? "none" : $"{tasks!["active"]} active · {total} total · {tasks["failures"]} failed";
    }

    private static string HeartbeatLine(JsonObject? heartbeat)
    {
        var agent = (heartbeat?["agents"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        if (agent is null)
        {
            return "unknown";
        }

        var enabled = agent["enabled"] is JsonValue e && e.GetValueKind() == JsonValueKind.True;
        var waiting = agent["waitingForRoute"] is JsonValue wr && wr.GetValueKind() == JsonValueKind.True ? "; no delivery route yet" : "";
        return enabled ? $"{Str(agent["every"])} ({Str(agent["agentId"])}{waiting})" : "off";
    }

    private static string SessionsLine(JsonObject? sessions)
    {
        if (sessions is null)
        {
            return "unknown";
        }

        var model = Str(sessions["defaults"]?["model"]);
        var ctxTokens = sessions["defaults"]?["contextTokens"] is JsonValue c && c.GetValueKind() == JsonValueKind.Number && long.TryParse(c.ToJsonString(), out var tokens) ? $" ({tokens / 1000}k ctx)" : "";
        var path = (sessions["paths"] as JsonArray)?.FirstOrDefault() is { } p ? $" · {p}" : "";
        return $"{sessions["count"]} stored{(model is null ? "" : $" · default {model}{ctxTokens}")}{path}";
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
