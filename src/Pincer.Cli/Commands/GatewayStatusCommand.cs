using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary>
/// <c>openclaw gateway status [--json]</c>: where the CLI would connect, which config it reads,
/// and whether a probe gets through. Exit code is 0 whether or not the gateway answers (the
/// reference's behaviour). Service-manager inspection (systemd/launchd) and port-owner listing
/// are not implemented, so <c>service</c> and <c>port.listeners</c> are left out / empty.
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
        GatewayProbeResult? probe = null;
        if (!cmd.Has("no-probe"))
        {
            probe = await GatewayProbe.RunAsync(target, CommandTimeouts.Parse(cmd.Value("timeout"), CommandTimeouts.Default), null, ctx.Stopping).ConfigureAwait(false);
        }

        var doc = Build(target, config, bindMode, port, probe);
        if (json)
        {
            CliJson.Write(ctx.Out, doc);
        }
        else
        {
            WriteHuman(ctx, doc, probe);
        }

        return cmd.Has("require-rpc") && probe is { Ok: false } ? 1 : 0;
    }

    internal static JsonObject Build(GatewayTarget target, LocalConfigFile config, string bindMode, int port, GatewayProbeResult? probe)
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

        gateway["version"] = server?["version"]?.DeepClone();

        var doc = new JsonObject
        {
            ["cli"] = new JsonObject { ["version"] = CliVersion.Compatible, ["entrypoint"] = Environment.ProcessPath },
            ["config"] = new JsonObject { ["cli"] = configEntry, ["daemon"] = configEntry.DeepClone() },
            ["gateway"] = gateway,
            ["port"] = new JsonObject
            {
                ["port"] = port,
                ["status"] = probe is { Ok: true } || probe?.FailureKind is "auth" or "closed" ? "busy" : "free",
                ["listeners"] = new JsonArray(),
                ["hints"] = new JsonArray(),
            },
        };
        if (probe is not null)
        {
            doc["rpc"] = Rpc(probe, probeUrl);
        }

        doc["extraServices"] = new JsonArray();
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

    private static void WriteHuman(CliContext ctx, JsonObject doc, GatewayProbeResult? probe)
    {
        var w = ctx.Out;
        var gw = (JsonObject)doc["gateway"]!;
        var cfg = (JsonObject)doc["config"]!["cli"]!;
        w.WriteLine($"Config: {cfg["path"]}{(cfg["exists"]!.GetValue<bool>() ? "" : " (missing)")}");
        w.WriteLine($"Gateway: bind={gw["bindMode"]} ({gw["bindHost"]}), port={gw["port"]}");
        w.WriteLine($"Probe target: {gw["probeUrl"]}");
        w.WriteLine($"Dashboard: {gw["controlUiLinks"]!["httpUrl"]}");
        if (gw["probeNote"] is { } note)
        {
            w.WriteLine($"Note: {note}");
        }

        w.WriteLine($"CLI version: {CliVersion.Compatible}");
        if (gw["version"] is { } version)
        {
            w.WriteLine($"Gateway version: {version}");
        }

        if (probe is null)
        {
            return;
        }

        if (probe.Ok)
        {
            w.WriteLine("Probe: reachable");
            w.WriteLine($"Access: {GatewayProbe.Capability(probe.Hello).Replace('_', ' ')}");
        }
        else
        {
            ctx.Err.WriteLine("Probe: failed");
            ctx.Err.WriteLine($"  {probe.Error}");
        }
    }
}
