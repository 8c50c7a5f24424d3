using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary>
/// <c>openclaw status [--json]</c>. Like the reference: a probe connect (with <c>system-presence</c>)
/// for reachability and latency, then a backend <c>status</c> call whose payload is the bulk of the
/// JSON; the CLI adds <c>os</c>, <c>gateway</c>, <c>agents</c>, <c>memoryPlugin</c>,
/// <c>updateChannel*</c> and <c>collection</c>. Not produced yet: <c>update</c> (install
/// inspection), <c>gatewayService</c>/<c>nodeService</c> (service managers), <c>memory</c>, and the
/// offline fallback that reads local stores when the gateway is down.
/// </summary>
internal static class StatusCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
        [new("json", false), new("timeout", true), new("deep", false), new("all", false), new("usage", false), new("verbose", false), new("debug", false)];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        GatewayTarget target;
        try
        {
            target = GatewayTargetResolver.Resolve(ctx, null, null, null, null);
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            return GatewayCommandFailure.Report(ctx, ex, null, json, "Status failed");
        }

        var timeout = CommandTimeouts.Parse(cmd.Value("timeout"), CommandTimeouts.Default);
        var probe = await GatewayProbe.RunAsync(target, timeout, "system-presence", ctx.Stopping).ConfigureAwait(false);
        JsonObject payload = [];
        string? statusError = null;
        if (probe.Ok)
        {
            try
            {
                var parameters = new JsonObject { ["includeChannelSummary"] = false };
                if (json)
                {
                    parameters["includeCliProjection"] = true;
                }

                payload = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Backend("status"), ["operator.read"],
                    "status", parameters, timeout, expectFinal: false, ctx.Stopping).ConfigureAwait(false) as JsonObject ?? [];
            }
            catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
            {
                statusError = ex.Message;
            }
        }

        var doc = Build(payload, target, probe, statusError);
        if (json)
        {
            CliJson.Write(ctx.Out, doc);
        }
        else
        {
            WriteHuman(ctx.Out, doc);
        }

        return 0;
    }

    internal static JsonObject Build(JsonObject payload, GatewayTarget target, GatewayProbeResult probe, string? statusError)
    {
        var doc = new JsonObject();
        var projection = payload["cliProjection"] as JsonObject;
        foreach (var (key, value) in payload)
        {
            if (key != "cliProjection")
            {
                doc[key] = value?.DeepClone();
            }
        }

        var release = KernelRelease();
        var platform = Client.Connection.GatewayClientPlatform.Current is "macos" ? "darwin" : Client.Connection.GatewayClientPlatform.Current;
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        doc["os"] = new JsonObject
        {
            ["platform"] = platform,
            ["arch"] = arch,
            ["release"] = release,
            ["label"] = $"{platform} {release} ({arch})",
        };
        doc["updateChannel"] = projection?["updateChannel"]?.DeepClone() ?? "stable";
        doc["updateChannelSource"] = projection?["updateChannel"] is null ? "default" : "config";
        doc["memoryPlugin"] = projection?["memoryPlugin"]?.DeepClone();
        doc["gateway"] = new JsonObject
        {
            ["mode"] = target.UrlSource == "config gateway.remote.url" ? "remote" : "local",
            ["url"] = target.UrlText,
            ["urlSource"] = target.UrlSource,
            ["misconfigured"] = false,
            ["reachable"] = probe.Ok,
            ["connectLatencyMs"] = probe.Ok ? probe.LatencyMs : null,
            ["self"] = null,
            ["error"] = probe.Ok ? statusError : probe.Error,
            ["authWarning"] = null,
        };
        if (projection?["agents"] is JsonObject agents)
        {
            var rows = new JsonArray();
            foreach (var row in agents["rows"] as JsonArray ?? [])
            {
                rows.Add((JsonNode)new JsonObject { ["id"] = row?["id"]?.DeepClone() });
            }

            doc["agents"] = new JsonObject
            {
                ["defaultId"] = agents["defaultId"]?.DeepClone(),
                ["ownership"] = agents["ownership"]?.DeepClone(),
                ["selectionRequired"] = agents["selectionRequired"]?.DeepClone(),
                ["agents"] = rows,
            };
        }

        doc["secretDiagnostics"] = new JsonArray();
        doc["collection"] = new JsonObject { ["source"] = probe.Ok && statusError is null ? "gateway" : "local", ["notCollected"] = new JsonArray() };
        return doc;
    }

    /// <summary>Node's <c>os.release()</c> is the kernel release string (uname -r), not a parsed version.</summary>
    private static string KernelRelease()
    {
        const string procRelease = "/proc/sys/kernel/osrelease";
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists(procRelease))
            {
                return File.ReadAllText(procRelease).Trim();
            }
        }
        catch (IOException)
        {
            // Fall through to the runtime's view.
        }

        return Environment.OSVersion.Version.ToString();
    }

    private static void WriteHuman(TextWriter w, JsonObject doc)
    {
        var gw = (JsonObject)doc["gateway"]!;
        w.WriteLine("OpenClaw status (Pincer)");
        w.WriteLine();
        w.WriteLine($"OS:        {doc["os"]!["label"]}");
        var reach = gw["reachable"]!.GetValue<bool>() ? $"reachable in {gw["connectLatencyMs"]}ms" : $"unreachable ({gw["error"]})";
        w.WriteLine($"Gateway:   {gw["mode"]} · {gw["url"]} ({gw["urlSource"]}) · {reach}");
        if (doc["agents"] is JsonObject agents)
        {
            w.WriteLine($"Agents:    {(agents["agents"] as JsonArray)?.Count ?? 0} (default {agents["defaultId"]})");
        }

        if (doc["sessions"] is JsonObject sessions)
        {
            w.WriteLine($"Sessions:  {sessions["count"]}");
        }

        if (doc["tasks"] is JsonObject tasks)
        {
            w.WriteLine($"Tasks:     {tasks["active"]} active, {tasks["total"]} total, {tasks["failures"]} failed");
        }

        if (doc["heartbeat"]?["defaultAgentId"] is { } hb)
        {
            w.WriteLine($"Heartbeat: default agent {hb}");
        }
    }
}
