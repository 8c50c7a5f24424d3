using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// The drop-in promise: the reference's own CLI, pointed at Pincer's gateway, succeeds with the
/// same output shape it gets from the reference gateway. Expected to fail until the gateway
/// serves the wire; that failure is the gateway's to-do list, so these stay in.
/// </summary>
[Collection(PincerGatewayCollection.Name)]
public sealed class ReferenceCliAgainstPincerTests(PincerGatewayFixture gateway) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-refcli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [ReferenceFact]
    public async Task Reference_gateway_call_health_succeeds_against_pincer()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        var (exit, stdout, stderr) = await ProcessRun.RunAsync(ReferenceInstall.Cli,
            ["gateway", "call", "health", "--url", gateway.Url, "--token", PincerGatewayFixture.Token, "--json"], env, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}: {stdout}{stderr}");
        AssertHealthShape(JsonNode.Parse(stdout));
    }

    [ReferenceFact]
    public async Task Reference_health_via_env_succeeds_against_pincer()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        env["OPENCLAW_GATEWAY_URL"] = gateway.Url;
        env["OPENCLAW_GATEWAY_TOKEN"] = PincerGatewayFixture.Token;
        var (exit, stdout, stderr) = await ProcessRun.RunAsync(ReferenceInstall.Cli, ["health", "--json"], env, TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}: {stdout}{stderr}");
        AssertHealthShape(JsonNode.Parse(stdout));
    }

    [Fact]
    public async Task Our_cli_gateway_call_health_succeeds_against_pincer()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        var (exit, stdout, _) = await CliHarness.RunAsync(env, "gateway", "call", "health", "--url", gateway.Url, "--token", PincerGatewayFixture.Token, "--json");
        Assert.Equal(0, exit);
        AssertHealthShape(JsonNode.Parse(stdout));
    }

    /// <summary>The top-level keys the reference gateway's health payload carries (2026.9.6, default config).</summary>
    private static void AssertHealthShape(JsonNode? health)
    {
        Assert.NotNull(health);
        Assert.True(health["ok"]!.GetValue<bool>());
        foreach (var key in new[] { "ok", "ts", "durationMs", "plugins", "configReload", "channels", "channelOrder", "channelLabels",
                     "heartbeatSeconds", "defaultAgentId", "agents", "sessions", "modelRuntime", "eventLoop" })
        {
            Assert.True(health.AsObject().ContainsKey(key), $"health payload lacks \"{key}\"");
        }
    }
}
