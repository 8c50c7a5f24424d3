using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Human form of <c>gateway status</c>: the reference's blocks in its order (service, config,
/// gateway, versions, runtime and probe, inspection note, port diagnostics, pointers), our wording.
/// Failures go to stderr as in the reference.
/// </summary>
internal static class GatewayStatusText
{
    public static void Write(CliContext ctx, JsonObject doc)
    {
        var w = ctx.Out;
        var e = ctx.Err;
        var service = (JsonObject)doc["service"]!;
        var managerUnavailable = Str(service["inspectionReason"]) == ServiceInspection.ManagerUnavailable;
        var diagnosticOnly = Str(service["targetRole"]) == "diagnostic-only" ? " (diagnostic only, not the probe target)" : "";
        var loadStatus = Str(service["loadState"]?["status"]);
        var serviceState = loadStatus == "loaded" ? Str(service["loadedText"]) : loadStatus == "not-loaded" ? Str(service["notLoadedText"]) : "unknown";
        w.WriteLine($"Service: {Str(service["label"])}{(managerUnavailable ? "" : $" ({serviceState})")}{diagnosticOnly}");
        w.WriteLine($"Log file: {ShortHome(ctx, Str(doc["logFile"]))}");
        w.WriteLine($"Host desktop: {HostDesktopStatus.Describe(doc["hostDesktop"])}");
        w.WriteLine();

        var cli = (JsonObject)doc["config"]!["cli"]!;
        var daemon = (JsonObject)doc["config"]!["daemon"]!;
        w.WriteLine($"Config: {ConfigLine(ctx, cli)}");
        w.WriteLine($"Config (service): {ConfigLine(ctx, daemon)}");
        w.WriteLine();

        var gw = (JsonObject)doc["gateway"]!;
        w.WriteLine($"Gateway: bind={gw["bindMode"]} ({gw["bindHost"]}), port={gw["port"]} ({gw["portSource"]})");
        w.WriteLine($"Probe target: {gw["probeUrl"]}");
        w.WriteLine($"Dashboard: {gw["controlUiLinks"]?["httpUrl"]}");
        if (gw["probeNote"] is { } note)
        {
            w.WriteLine($"Note: {note}");
        }

        w.WriteLine();
        var rpc = doc["rpc"] as JsonObject;
        var gatewayVersion = Str(rpc?["server"]?["version"]) ?? Str(gw["version"]);
        if (gatewayVersion is not null)
        {
            w.WriteLine($"CLI version: {CliVersion.Compatible} ({ShortHome(ctx, Str(doc["cli"]?["entrypoint"]))})");
            w.WriteLine($"Gateway version: {gatewayVersion}");
            if (gatewayVersion != CliVersion.Compatible)
            {
                e.WriteLine($"Warning: this CLI is version {CliVersion.Compatible} but the running gateway reports {gatewayVersion}.");
            }

            w.WriteLine();
        }

        var runtime = service["runtime"] as JsonObject;
        if (runtime is not null)
        {
            var shown = (JsonObject)runtime.DeepClone();
            if (service["inspectionReason"] is not null)
            {
                shown.Remove("detail");
            }

            w.WriteLine($"Runtime: {ServiceJson.RuntimeShort(shown)}{diagnosticOnly}");
        }

        if (rpc is not null)
        {
            if (rpc["ok"] is JsonValue ok && ok.GetValueKind() == JsonValueKind.True)
            {
                w.WriteLine("Probe: reachable");
            }
            else
            {
                e.WriteLine("Probe: failed");
                e.WriteLine($"Probe target: {rpc["url"]}");
                foreach (var line in (Str(rpc["error"]) ?? "unknown").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(12))
                {
                    e.WriteLine($"  {line.TrimEnd('\r')}");
                }
            }

            if (Str(rpc["capability"]) is { } capability)
            {
                w.WriteLine($"Access: {capability.Replace('_', ' ')}");
            }

            w.WriteLine();
        }

        if (Str(runtime?["inspectionReason"]) is not null && Str(runtime?["inspectionFailure"]?["detail"]) is { } why)
        {
            e.WriteLine(managerUnavailable ? why : $"Service inspection failed: {why}");
            w.WriteLine();
        }

        WritePort(w, e, doc["port"] as JsonObject, rpc);
        w.WriteLine("Troubles: run openclaw status");
        w.WriteLine("Troubleshooting: https://docs.openclaw.ai/troubleshooting");
    }

    private static void WritePort(TextWriter w, TextWriter e, JsonObject? port, JsonObject? rpc)
    {
        if (port is null)
        {
            return;
        }

        var rpcOk = rpc?["ok"] is JsonValue ok && ok.GetValueKind() == JsonValueKind.True;
        var listeners = (port["listeners"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var status = Str(port["status"]);
        if (status is "busy" or "unknown" && !rpcOk)
        {
            if (status == "unknown")
            {
                e.WriteLine($"Port {port["port"]}: could not tell whether it is free.");
            }
            else
            {
                e.WriteLine($"Port {port["port"]} is taken:");
                foreach (var l in listeners)
                {
                    var who = Str(l["commandLine"]) ?? Str(l["command"]) ?? "unknown";
                    e.WriteLine($"- pid {l["pid"]?.ToString() ?? "?"}{(l["user"] is { } u ? " " + u : "")}: {who}{(l["address"] is { } a ? $" ({a})" : "")}");
                }

                foreach (var hint in (port["hints"] as JsonArray ?? []))
                {
                    e.WriteLine($"- {hint}");
                }
            }
        }

        var addresses = listeners.Select(l => Str(l["address"])).OfType<string>().Distinct().ToList();
        if (addresses.Count > 0)
        {
            w.WriteLine($"Listening: {string.Join(", ", addresses)}");
        }
    }

    private static string ConfigLine(CliContext ctx, JsonObject entry) =>
        ShortHome(ctx, Str(entry["path"]))
        + (entry["exists"] is JsonValue x && x.GetValueKind() == JsonValueKind.False ? " (missing)" : "")
        + (entry["valid"] is JsonValue v && v.GetValueKind() == JsonValueKind.False ? " (invalid)" : "");

    /// <summary>Paths under the home directory are shown as <c>~/…</c>.</summary>
    internal static string ShortHome(CliContext ctx, string? path)
    {
        var home = ctx.Env("HOME");
        if (path is null || home is null || home == "/")
        {
            return path ?? "";
        }

        return path == home ? "~" : path.StartsWith(home + "/", StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
