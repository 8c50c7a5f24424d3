using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Integration;

/// <summary>Our CLI against the reference gateway: output must have the reference CLI's shape.</summary>
[Collection(ReferenceGatewayCollection.Name)]
public sealed class CliAgainstReferenceGatewayTests(ReferenceGatewayFixture gateway) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [ReferenceFact]
    public async Task Gateway_call_health_json_has_the_reference_cli_shape()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        var ours = await CliHarness.RunAsync(env, "gateway", "call", "health", "--url", gateway.Url, "--token", ReferenceGatewayFixture.Token, "--json");
        var theirs = await ProcessRun.RunAsync(ReferenceInstall.Cli, ["gateway", "call", "health", "--url", gateway.Url, "--token", ReferenceGatewayFixture.Token, "--json"], env, TimeSpan.FromSeconds(60));
        Assert.Equal(0, ours.Exit);
        Assert.Equal(theirs.Exit, ours.Exit);
        Assert.Equal(Shape.Of(JsonNode.Parse(theirs.Out)), Shape.Of(JsonNode.Parse(ours.Out)));
    }

    [ReferenceFact]
    public async Task Health_json_via_env_target()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        env["OPENCLAW_GATEWAY_URL"] = gateway.Url;
        env["OPENCLAW_GATEWAY_TOKEN"] = ReferenceGatewayFixture.Token;
        var (exit, stdout, _) = await CliHarness.RunAsync(env, "health", "--json");
        Assert.Equal(0, exit);
        Assert.True(JsonNode.Parse(stdout)!["ok"]!.GetValue<bool>());
    }

    [ReferenceFact]
    public async Task Unknown_method_and_bad_token_give_request_errors_with_exit_1()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        var unknown = await CliHarness.RunAsync(env, "gateway", "call", "nope.method", "--url", gateway.Url, "--token", ReferenceGatewayFixture.Token, "--json");
        Assert.Equal(1, unknown.Exit);
        Assert.Equal("""{"ok":false,"error":{"type":"gateway_request_error","code":"INVALID_REQUEST","message":"unknown method: nope.method","retryable":false}}""",
            JsonNode.Parse(unknown.Out)!.ToJsonString());

        var badToken = await CliHarness.RunAsync(env, "gateway", "call", "health", "--url", gateway.Url, "--token", "wrong", "--json");
        Assert.Equal(1, badToken.Exit);
        Assert.Equal("AUTH_TOKEN_MISMATCH", JsonNode.Parse(badToken.Out)!["error"]!["details"]!["code"]!.GetValue<string>());
    }

    [ReferenceFact]
    public async Task Status_and_gateway_status_see_a_reachable_gateway()
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        env["OPENCLAW_GATEWAY_URL"] = gateway.Url;
        env["OPENCLAW_GATEWAY_TOKEN"] = ReferenceGatewayFixture.Token;
        var status = await CliHarness.RunAsync(env, "status", "--json");
        Assert.Equal(0, status.Exit);
        var doc = JsonNode.Parse(status.Out)!;
        Assert.True(doc["gateway"]!["reachable"]!.GetValue<bool>());
        Assert.NotNull(doc["tasks"]);
        Assert.Null(doc["cliProjection"]);

        var gs = await CliHarness.RunAsync(env, "gateway", "status", "--json");
        Assert.Equal(0, gs.Exit);
        var rpc = JsonNode.Parse(gs.Out)!["rpc"]!;
        Assert.True(rpc["ok"]!.GetValue<bool>());
        Assert.Equal("connected_no_operator_scope", rpc["capability"]!.GetValue<string>());
    }
}
