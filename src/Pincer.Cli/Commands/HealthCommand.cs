using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary><c>openclaw health [--json] [--timeout ms] [--verbose|--debug]</c>: the gateway's <c>health</c> snapshot.</summary>
internal static class HealthCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
        [new("json", false), new("timeout", true), new("verbose", false), new("debug", false)];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        GatewayTarget? target = null;
        try
        {
            target = GatewayTargetResolver.Resolve(ctx, null, null, null, null);
            var timeout = CommandTimeouts.Parse(cmd.Value("timeout"), CommandTimeouts.Default);
            var payload = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Backend("health"), ["operator.read"],
                "health", parameters: null, timeout, expectFinal: false, ctx.Stopping).ConfigureAwait(false);
            if (json)
            {
                CliJson.Write(ctx.Out, payload);
            }
            else
            {
                WriteHuman(ctx.Out, payload as JsonObject ?? []);
            }

            return 0;
        }
        catch (GatewayCredentialsRequiredException ex) when (target is not null)
        {
            // Missing credentials are only the whole story when nobody answers; a live gateway is
            // reported as reachable so the user knows the fix is auth, not start-up.
            var probe = await GatewayProbe.RunAsync(target, CommandTimeouts.Default, null, ctx.Stopping).ConfigureAwait(false);
            if (!probe.Ok && probe.FailureKind != "auth")
            {
                return GatewayCommandFailure.Report(ctx, ex, target, json, "Health check failed");
            }

            const string message = "Gateway is reachable, but this CLI has no token/password or paired device token for read-scope health RPCs.";
            if (json)
            {
                CliJson.Write(ctx.Out, new JsonObject
                {
                    ["ok"] = false,
                    ["error"] = new JsonObject { ["type"] = "gateway_credentials_required", ["message"] = message },
                    ["gateway"] = new JsonObject { ["reachable"] = true },
                });
            }
            else
            {
                ctx.Out.WriteLine("Gateway: reachable");
                ctx.Out.WriteLine(message);
            }

            return 1;
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            return GatewayCommandFailure.Report(ctx, ex, target, json, "Health check failed");
        }
    }

    /// <summary>Same facts as the reference's text mode, in our words.</summary>
    internal static void WriteHuman(TextWriter w, JsonObject health)
    {
        if (health["eventLoop"] is JsonObject loop)
        {
            var degraded = loop["degraded"] is JsonValue d && d.GetValueKind() == JsonValueKind.True;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Event loop: {(degraded ? "degraded" : "ok")} (max {Num(loop["delayMaxMs"])}ms, p99 {Num(loop["delayP99Ms"])}ms, utilization {loop["utilization"]}, cpu {loop["cpuCoreRatio"]})"));
        }

        if (health["durationMs"] is JsonValue duration)
        {
            w.WriteLine($"Health probe took {duration}ms");
        }

        var agents = health["agents"] as JsonArray ?? [];
        var names = agents.OfType<JsonObject>()
            .Select(a => (a["agentId"]?.ToString() ?? "?") + (a["isDefault"] is JsonValue v && v.GetValueKind() == JsonValueKind.True ? " (default)" : ""));
        w.WriteLine($"Agents: {string.Join(", ", names)}");
        foreach (var agent in agents.OfType<JsonObject>())
        {
            var id = agent["agentId"]?.ToString() ?? "?";
            if (agent["heartbeat"] is JsonObject hb)
            {
                var enabled = hb["enabled"] is JsonValue e && e.GetValueKind() == JsonValueKind.True;
                w.WriteLine($"Heartbeat ({id}): {(enabled ? "every " + hb["every"] : "off")}");
            }

            if (agent["sessions"] is JsonObject sessions)
            {
                w.WriteLine($"Sessions ({id}): {sessions["count"]} in {sessions["path"]}");
            }
        }

        if (health["channels"] is JsonObject channels)
        {
            foreach (var (name, value) in channels)
            {
                var label = (health["channelLabels"] as JsonObject)?[name]?.ToString() ?? name;
                var summary = value is JsonObject ch && ch["configured"] is JsonValue c && c.GetValueKind() == JsonValueKind.True ? "configured" : "not configured";
                w.WriteLine($"{label}: {summary}");
            }
        }
    }

    private static string Num(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? Math.Round(d).ToString(CultureInfo.InvariantCulture) : "?";
}
