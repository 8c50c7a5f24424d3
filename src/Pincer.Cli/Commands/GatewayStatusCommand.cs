using System.Text.Json.Nodes;
using Pincer.Cli.Commands.Status;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary>
/// <c>openclaw gateway status [--json]</c>: the installed service as the service manager sees it,
/// the log file, which config it reads, where the CLI would connect, who holds the gateway port,
/// and whether a probe gets through. Exit code is 0 whether or not the gateway answers (the
/// reference's behaviour) unless <c>--require-rpc</c>.
/// </summary>
internal static class GatewayStatusCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("json", false), new("url", true), new("token", true), new("password", true), new("timeout", true),
        new("deep", false), new("no-probe", false), new("require-rpc", false),
    ];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        GatewayTarget target;
        try
        {
            target = GatewayTargetResolver.Resolve(ctx, cmd.Value("url"), cmd.Value("token"), cmd.Value("password"), null);
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            return GatewayCommandFailure.Report(ctx, ex, null, json, "Gateway status failed");
        }

        var config = LocalConfigFile.Read(target.ConfigPath);
        var bindMode = config.String("gateway.bind") ?? "loopback";
        var port = target.LocalPort ?? target.Url.Port;
        var timeout = CommandTimeouts.Parse(cmd.Value("timeout"), CommandTimeouts.Default);
        var probeTask = cmd.Has("no-probe")
            ? Task.FromResult<GatewayProbeResult?>(null)
            : ProbeAsync(target, timeout, ctx.Stopping);
        var serviceTask = ServiceInspector.InspectAsync(ctx, ServiceInspector.GatewayUnitName(ctx), ctx.Stopping);
        var bindHost = bindMode == "loopback" ? "127.0.0.1" : target.Url.Host;
        var portTask = PortInspector.InspectAsync(port, bindHost, ctx.Stopping);
        var desktopTask = HostDesktopStatus.InspectAsync(config, ctx.Stopping);
        await Task.WhenAll(probeTask, serviceTask, portTask, desktopTask).ConfigureAwait(false);
        var probe = await probeTask.ConfigureAwait(false);

        var local = new GatewayStatusLocal(
            LogFileLocation.Resolve(ctx, config),
            await serviceTask.ConfigureAwait(false),
            TargetsProbe(ctx, await serviceTask.ConfigureAwait(false), cmd.Value("url") is not null),
            await portTask.ConfigureAwait(false),
            await desktopTask.ConfigureAwait(false),
            UrlOverride: cmd.Value("url") is not null);
        var doc = Build(target, config, bindMode, port, probe, local);
        if (json)
        {
            CliJson.Write(ctx.Out, doc);
        }
        else
        {
            GatewayStatusText.Write(ctx, doc);
        }

        return cmd.Has("require-rpc") && probe is { Ok: false } ? 1 : 0;
    }

    private static async Task<GatewayProbeResult?> ProbeAsync(GatewayTarget target, TimeSpan timeout, CancellationToken ct) =>
        await GatewayProbe.RunAsync(target, timeout, null, ct).ConfigureAwait(false);

    /// <summary>
    /// The installed service is what the probe talks to only when a manager answered, no URL was
    /// forced, and this CLI runs with the default install identity (no relocated home/state/config).
    /// </summary>
    private static bool TargetsProbe(CliContext ctx, ServiceInspection service, bool urlOverride) =>
        service.InspectionReason != ServiceInspection.ManagerUnavailable && !urlOverride
        && ctx.Env("OPENCLAW_HOME") is null && ctx.Env("OPENCLAW_STATE_DIR") is null
        && ctx.Env("OPENCLAW_CONFIG_PATH") is null && ctx.Env("OPENCLAW_PROFILE") is null;

    internal static JsonObject Build(GatewayTarget target, LocalConfigFile config, string bindMode, int port, GatewayProbeResult? probe, GatewayStatusLocal local)
    {
        var configEntry = new JsonObject { ["path"] = config.Path, ["exists"] = config.Exists, ["valid"] = config.Parsed };
        var probeUrl = target.UrlText;
        var httpUrl = (probeUrl.StartsWith("wss://", StringComparison.Ordinal) ? "https://" + probeUrl[6..] : "http://" + probeUrl[5..]).TrimEnd('/') + "/";
        var server = probe?.Hello?["server"] as JsonObject;
        var gateway = new JsonObject
        {
            ["bindMode"] = bindMode,
            ["bindHost"] = bindMode == "loopback" ? "127.0.0.1" : target.Url.Host,
            ["port"] = port,
            ["portSource"] = "env/config",
            ["probeUrl"] = probeUrl,
            ["controlUiLinks"] = new JsonObject { ["httpUrl"] = httpUrl, ["wsUrl"] = probeUrl },
        };
        if (bindMode == "loopback")
        {
            gateway["probeNote"] = "Loopback-only gateway; only local clients can connect.";
        }

        if (probe is not null)
        {
            gateway["version"] = server?["version"]?.DeepClone();
        }

        var doc = new JsonObject
        {
            ["cli"] = new JsonObject { ["version"] = CliVersion.Compatible, ["entrypoint"] = Environment.ProcessPath },
            ["logFile"] = local.LogFile,
            ["service"] = ServiceJson.ForGatewayStatus(local.Service, local.TargetsProbe),
            ["config"] = new JsonObject { ["cli"] = configEntry, ["daemon"] = configEntry.DeepClone() },
            ["gateway"] = gateway,
            ["hostDesktop"] = local.HostDesktop.DeepClone(),
            ["port"] = local.Port.DeepClone(),
        };
        if (probe is not null)
        {
            doc["rpc"] = Rpc(probe, probeUrl);
        }

        // --deep's extra-service scan is not implemented; without --deep the reference sends [] too.
        doc["extraServices"] = new JsonArray();
        if (!local.UrlOverride)
        {
            doc["pluginVersionDrift"] = PluginVersionDrift.For(server?["version"]?.GetValue<string>());
        }

        return doc;
    }

    private static JsonObject Rpc(GatewayProbeResult probe, string url)
    {
        var capability = probe.Ok ? GatewayProbe.Capability(probe.Hello) : "unknown";
        var auth = probe.Hello?["auth"] as JsonObject;
        var server = probe.Hello?["server"] as JsonObject;
        var rpc = new JsonObject
        {
            ["ok"] = probe.Ok,
            ["kind"] = "connect",
            ["capability"] = capability,
            ["auth"] = new JsonObject
            {
                ["role"] = auth?["role"]?.DeepClone(),
                ["scopes"] = auth?["scopes"]?.DeepClone() ?? new JsonArray(),
                ["capability"] = capability,
            },
        };
        var serverOut = new JsonObject { ["version"] = server?["version"]?.DeepClone() };
        if (server?["buildId"] is { } buildId)
        {
            serverOut["buildId"] = buildId.DeepClone();
        }

        serverOut["connId"] = server?["connId"]?.DeepClone();
        rpc["server"] = serverOut;
        if (probe.Ok)
        {
            rpc["version"] = server?["version"]?.DeepClone();
        }
        else
        {
            rpc["connectFailure"] = new JsonObject { ["kind"] = probe.FailureKind };
            rpc["error"] = probe.Error;
        }

        rpc["url"] = url;
        return rpc;
    }
}
