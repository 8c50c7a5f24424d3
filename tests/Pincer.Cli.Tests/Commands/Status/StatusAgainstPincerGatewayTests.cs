using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Commands.Status;

/// <summary><c>status --json</c> and <c>gateway status --json</c> against Pincer's own running gateway.</summary>
[Collection(PincerGatewayCollection.Name)]
public sealed class StatusAgainstPincerGatewayTests(PincerGatewayFixture gateway) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-status-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Dictionary<string, string> Env()
    {
        var env = ProcessRun.IsolatedEnv(_root);
        env["OPENCLAW_GATEWAY_PORT"] = PincerGatewayFixture.Port.ToString(CultureInfo.InvariantCulture);
        env["OPENCLAW_GATEWAY_TOKEN"] = PincerGatewayFixture.Token;
        return env;
    }

    [Fact]
    public async Task Status_json_reports_the_gateway_services_and_what_was_not_collected()
    {
        Assert.Null(gateway.StartError);
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(), "status", "--json");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();

        Assert.True(doc["gateway"]!["reachable"]!.GetValue<bool>());
        Assert.Equal("gateway", doc["collection"]!["source"]!.GetValue<string>());
        var notCollected = doc["collection"]!["notCollected"]!.AsArray().SelectMany(e => e!["fields"]!.AsArray().Select(f => f!.GetValue<string>())).ToList();
        Assert.Contains("agents.agents.*.workspaceDir", notCollected);
        Assert.Contains("secretDiagnostics", notCollected);

        foreach (var service in new[] { "gatewayService", "nodeService" })
        {
            var s = doc[service]!.AsObject();
            Assert.Equal(["label", "installed", "loadState", "managedByOpenClaw", "externallyManaged", "loadedText", "runtime", "loaded", "runtimeShort"], s.Select(p => p.Key));
        }

        Assert.Equal(["root", "installKind", "packageManager"], doc["update"]!.AsObject().Select(p => p.Key));
        Assert.Null(doc["memory"]);
        Assert.True(doc.ContainsKey("memory"));
        var agent = doc["agents"]!["agents"]![0]!.AsObject();
        Assert.Equal("main", agent["id"]!.GetValue<string>());
        Assert.True(agent.ContainsKey("sessionsPath"));
        Assert.Null(agent["workspaceDir"]);
        Assert.False(doc.ContainsKey("health"));
    }

    [Fact]
    public async Task Status_deep_adds_the_gateway_health()
    {
        Assert.Null(gateway.StartError);
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(), "status", "--json", "--deep");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.True(doc["health"]!["ok"]!.GetValue<bool>());
        Assert.True(doc.ContainsKey("lastHeartbeat"));
    }

    [Fact]
    public async Task Gateway_status_json_names_this_process_as_the_port_listener()
    {
        Assert.Null(gateway.StartError);
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(), "gateway", "status", "--json");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["cli", "logFile", "service", "config", "gateway", "hostDesktop", "port", "rpc", "extraServices", "pluginVersionDrift"], doc.Select(p => p.Key));

        var port = doc["port"]!;
        Assert.Equal("busy", port["status"]!.GetValue<string>());
        var listener = port["listeners"]!.AsArray().Single(l => l!["pid"]!.GetValue<int>() == Environment.ProcessId)!;
        Assert.Equal($"127.0.0.1:{PincerGatewayFixture.Port}", listener["address"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(listener["command"]!.GetValue<string>()));
        Assert.True(listener["ppid"]!.GetValue<int>() > 0);

        Assert.EndsWith(".log", doc["logFile"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("disabled", doc["hostDesktop"]!["state"]!.GetValue<string>());
        Assert.Empty(doc["pluginVersionDrift"]!["drifts"]!.AsArray());
        Assert.Equal(doc["gateway"]!["version"]!.GetValue<string>(), doc["pluginVersionDrift"]!["gatewayVersion"]!.GetValue<string>());
        Assert.True(doc["rpc"]!["ok"]!.GetValue<bool>());
    }
}
