using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Pincer.Cli.Commands.Status;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary>
/// <c>openclaw status [--json] [--deep] [--all]</c>. Like the reference: a probe connect (with
/// <c>system-presence</c>) for reachability and latency, then a backend <c>status</c> call whose payload
/// is the bulk of the JSON; the CLI adds <c>os</c>, <c>update</c>, <c>memory</c>, <c>memoryPlugin</c>,
/// <c>gateway</c>, the service-manager view of the gateway and node services, <c>agents</c> and
/// <c>collection</c>. With no gateway answering, the summary is rebuilt from local config and state
/// (<see cref="LocalStatusSummary"/>). <c>--deep</c> adds the gateway's <c>health</c> (probe) and
/// <c>last-heartbeat</c>.
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
        var config = LocalConfigFile.Read(target.ConfigPath);
        var gatewayServiceTask = ServiceInspector.InspectAsync(ctx, ServiceInspector.GatewayUnitName(ctx), ctx.Stopping);
        var nodeServiceTask = ServiceInspector.InspectAsync(ctx, ServiceInspector.NodeUnit, ctx.Stopping);
        var probe = await GatewayProbe.RunAsync(target, timeout, "system-presence", ctx.Stopping).ConfigureAwait(false);
        var facts = new StatusFacts { Config = config, All = cmd.Has("all"), Deep = cmd.Has("deep") };
        if (probe.Ok)
        {
            try
            {
                var parameters = new JsonObject { ["includeChannelSummary"] = false, ["includeCliProjection"] = true };
                facts.Payload = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Backend("status"), ["operator.read"],
                    "status", parameters, timeout, expectFinal: false, ctx.Stopping).ConfigureAwait(false) as JsonObject ?? [];
            }
            catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
            {
                facts.StatusError = ex.Message;
            }
        }
        else
        {
            var desktop = await HostDesktopStatus.InspectAsync(config, ctx.Stopping).ConfigureAwait(false);
            (facts.Payload, facts.LocalAgents) = await LocalStatusSummary.BuildAsync(ctx, config, desktop, ctx.Stopping).ConfigureAwait(false);
        }

        facts.GatewayService = await gatewayServiceTask.ConfigureAwait(false);
        facts.NodeService = await nodeServiceTask.ConfigureAwait(false);
        if (cmd.Has("deep"))
        {
            (facts.Health, facts.LastHeartbeat) = await DeepProbeAsync(target, probe, timeout, ctx.Stopping).ConfigureAwait(false);
        }

        var doc = Build(facts, target, probe);
        if (json)
        {
            CliJson.Write(ctx.Out, doc);
        }
        else
        {
            StatusText.Write(ctx, doc, cmd.Has("deep"));
        }

        return 0;
    }

    /// <summary>
    /// <c>--deep</c>: the gateway's <c>health</c> with <c>probe: true</c> and its last heartbeat. An
    /// unreachable gateway yields <c>{error}</c> and no heartbeat, as in the reference.
    /// </summary>
    private static async Task<(JsonNode Health, JsonNode? LastHeartbeat)> DeepProbeAsync(GatewayTarget target, GatewayProbeResult probe, TimeSpan timeout, CancellationToken ct)
    {
        if (!probe.Ok)
        {
            return (new JsonObject { ["error"] = probe.Error ?? "Gateway is unreachable" }, null);
        }

        JsonNode health;
        try
        {
            health = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Backend("health"), ["operator.read"], "health",
                new JsonObject { ["probe"] = true }, timeout, expectFinal: false, ct).ConfigureAwait(false) ?? new JsonObject();
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            health = new JsonObject { ["error"] = ex.Message };
        }

        JsonNode? lastHeartbeat = null;
        try
        {
            lastHeartbeat = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Backend("last-heartbeat"), ["operator.read"], "last-heartbeat",
                new JsonObject(), timeout, expectFinal: false, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            // The reference reports a missing heartbeat as null, whatever the reason.
        }

        return (health, lastHeartbeat);
    }

    internal static JsonObject Build(StatusFacts facts, GatewayTarget target, GatewayProbeResult probe)
    {
        var doc = new JsonObject();
        var payload = facts.Payload;
        var projection = payload["cliProjection"] as JsonObject;
        foreach (var (key, value) in payload)
        {
            if (key != "cliProjection")
            {
                doc[key] = value?.DeepClone();
            }
        }

        var online = facts.LocalAgents is null;
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
        doc["update"] = UpdateStatus.Local();
        var configuredChannel = online ? projection?["updateChannel"]?.GetValue<string>() : facts.Config.String("update.channel");
        doc["updateChannel"] = configuredChannel ?? "stable";
        doc["updateChannelSource"] = configuredChannel is null ? "default" : "config";

        // Memory-search status is only inspected by the reference for an offline --all; not collected here.
        doc["memory"] = null;
        doc["memoryPlugin"] = online && projection?["memoryPlugin"] is { } plugin ? plugin.DeepClone() : MemoryPlugin(facts.Config);
        var remote = target.UrlSource == "config gateway.remote.url";
        doc["gateway"] = new JsonObject
        {
            ["mode"] = remote ? "remote" : "local",
            ["url"] = target.UrlText,
            ["urlSource"] = target.UrlSource,
            ["misconfigured"] = false,
            ["reachable"] = probe.Ok,
            ["connectLatencyMs"] = probe.Ok ? probe.LatencyMs : null,
            ["self"] = null,
            ["error"] = probe.Ok ? facts.StatusError : probe.Error,
            ["authWarning"] = null,
        };
        doc["gatewayService"] = facts.GatewayService is { } gs ? ServiceJson.ForStatus(gs) : null;
        doc["nodeService"] = facts.NodeService is { } ns ? ServiceJson.ForStatus(ns) : null;
        doc["agents"] = facts.LocalAgents?.DeepClone() ?? StatusCollection.OnlineAgents(payload, projection);
        doc["secretDiagnostics"] = new JsonArray();
        if (online && (facts.Deep || facts.All))
        {
            // Online, the security audit and plugin compatibility are left to the gateway host.
            doc["securityAudit"] = new JsonObject { ["collected"] = false, ["reason"] = StatusCollection.LocalInspectionSkipped };
        }

        if (online && facts.All)
        {
            doc["pluginCompatibility"] = new JsonObject
            {
                ["count"] = 0, ["warnings"] = new JsonArray(), ["collected"] = false, ["reason"] = StatusCollection.LocalInspectionSkipped,
            };
        }

        if (facts.Health is not null || facts.LastHeartbeat is not null)
        {
            doc["health"] = facts.Health?.DeepClone();
            doc["lastHeartbeat"] = facts.LastHeartbeat?.DeepClone();
        }

        if (online)
        {
            doc["collection"] = StatusCollection.Describe(payload, projection, facts.StatusError, remote, facts.All, facts.Deep || facts.All);
        }

        return doc;
    }

    /// <summary>Whether memory status applies and which plugin slot provides it.</summary>
    private static JsonObject MemoryPlugin(LocalConfigFile config)
    {
        if (config.Node("plugins.enabled") is JsonValue enabled && enabled.GetValueKind() == System.Text.Json.JsonValueKind.False)
        {
            return new JsonObject { ["enabled"] = false, ["slot"] = null, ["reason"] = "plugins disabled" };
        }

        var slot = config.String("plugins.slots.memory")?.Trim() ?? "";
        return slot.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? new JsonObject { ["enabled"] = false, ["slot"] = null, ["reason"] = "plugins.slots.memory=\"none\"" }
            : new JsonObject { ["enabled"] = true, ["slot"] = slot.Length > 0 ? slot : "memory-core" };
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
}
