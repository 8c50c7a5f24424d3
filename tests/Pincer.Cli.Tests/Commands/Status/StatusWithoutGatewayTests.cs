using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Commands.Status;

/// <summary>No gateway on the port: the offline status fallback, and a port held by a stranger.</summary>
public sealed class StatusWithoutGatewayTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-status-off-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Dictionary<string, string> Env(int port)
    {
        var env = ProcessRun.IsolatedEnv(_root);
        File.WriteAllText(env["OPENCLAW_CONFIG_PATH"], """{ "update": { "checkOnStart": false } }""");
        env["OPENCLAW_GATEWAY_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        return env;
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Status_json_falls_back_to_local_state()
    {
        var port = FreePort();
        var env = Env(port);
        var (exit, stdout, _) = await CliHarness.RunAsync(env, "status", "--json");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();

        Assert.False(doc["gateway"]!["reachable"]!.GetValue<bool>());
        Assert.Contains("ECONNREFUSED", doc["gateway"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(doc.ContainsKey("collection"));
        Assert.Equal(CliVersion.Compatible, doc["runtimeVersion"]!.GetValue<string>());
        Assert.Equal(1_800_000, doc["heartbeat"]!["agents"]![0]!["everyMs"]!.GetValue<long>());

        var state = env["OPENCLAW_STATE_DIR"];
        var db = Path.Combine(state, "agents", "main", "agent", "openclaw-agent.sqlite");
        Assert.Equal(db, doc["sessions"]!["paths"]![0]!.GetValue<string>());
        Assert.Equal(0, doc["sessions"]!["count"]!.GetValue<int>());
        Assert.False(File.Exists(db));

        var agent = doc["agents"]!["agents"]![0]!;
        Assert.Equal(Path.Combine(state, "workspace"), agent["workspaceDir"]!.GetValue<string>());
        Assert.False(agent["bootstrapPending"]!.GetValue<bool>());
        Assert.Equal(0, doc["agents"]!["bootstrapPendingCount"]!.GetValue<int>());
        Assert.Equal("memory-core", doc["memoryPlugin"]!["slot"]!.GetValue<string>());
        Assert.NotNull(doc["gatewayService"]);
    }

    [Fact]
    public async Task Status_deep_without_gateway_reports_the_probe_error_as_health()
    {
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(FreePort()), "status", "--json", "--deep");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.Contains("ECONNREFUSED", doc["health"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(doc["lastHeartbeat"]);
    }

    [Fact]
    public async Task Gateway_status_json_on_a_free_port()
    {
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(FreePort()), "gateway", "status", "--json");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("free", doc["port"]!["status"]!.GetValue<string>());
        Assert.Empty(doc["port"]!["listeners"]!.AsArray());
        Assert.Null(doc["gateway"]!["version"]);
        Assert.Equal(CliVersion.Compatible, doc["pluginVersionDrift"]!["gatewayVersion"]!.GetValue<string>());
        Assert.Equal("unreachable", doc["rpc"]!["connectFailure"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gateway_status_names_a_foreign_listener_and_hints_at_it()
    {
        using var stranger = new TcpListener(IPAddress.Loopback, 0);
        stranger.Start();
        var port = ((IPEndPoint)stranger.LocalEndpoint).Port;
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(port), "gateway", "status", "--json", "--timeout", "1000");
        Assert.Equal(0, exit);
        var portDoc = JsonNode.Parse(stdout)!["port"]!;
        Assert.Equal("busy", portDoc["status"]!.GetValue<string>());
        var listener = Assert.Single(portDoc["listeners"]!.AsArray())!;
        Assert.Equal(Environment.ProcessId, listener["pid"]!.GetValue<int>());
        Assert.Equal($"127.0.0.1:{port}", listener["address"]!.GetValue<string>());
        Assert.NotEmpty(portDoc["hints"]!.AsArray());
    }

    [Fact]
    public async Task Human_gateway_status_keeps_the_reference_block_order()
    {
        var (exit, stdout, stderr) = await CliHarness.RunAsync(Env(FreePort()), "gateway", "status");
        Assert.Equal(0, exit);
        string[] order = ["Service:", "Log file:", "Host desktop:", "Config:", "Config (service):", "Gateway:", "Probe target:", "Dashboard:", "Runtime:", "Access:", "Troubles:"];
        var positions = order.Select(label => stdout.IndexOf(label, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Probe: failed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Human_status_shows_the_overview_rows()
    {
        var (exit, stdout, _) = await CliHarness.RunAsync(Env(FreePort()), "status");
        Assert.Equal(0, exit);
        foreach (var label in new[] { "OS:", "Dashboard:", "Channel:", "Update:", "Gateway:", "Gateway service:", "Node service:", "Agents:", "Memory:", "Host desktop:", "Probes:", "Tasks:", "Heartbeat:", "Sessions:" })
        {
            Assert.Contains(label, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("unreachable", stdout, StringComparison.Ordinal);
    }
}
