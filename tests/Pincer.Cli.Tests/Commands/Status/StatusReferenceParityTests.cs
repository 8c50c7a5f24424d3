using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Commands.Status;

/// <summary>
/// Both CLIs, same isolated state, same target: the JSON of <c>status</c> and <c>gateway status</c>
/// must have the same keys and value kinds. Collapsed (compared as a single node only): the
/// sampled runtime blocks; <c>update</c>, where the reference describes its npm package root and
/// Pincer, a native executable, reports the reference's "no install root" shape; and the probe's
/// <c>rpc.auth</c>, whose scopes follow the probe's connect identity (owned and tested elsewhere).
/// </summary>
[Collection(ReferenceGatewayCollection.Name)]
public sealed class StatusReferenceParityTests(ReferenceGatewayFixture gateway) : IDisposable
{
    private static readonly string[] Collapsed =
        ["$.update", "$.eventLoop", "$.processMemory", "$.health.eventLoop", "$.health.processMemory", "$.rpc.auth", "$.rpc.capability"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-status-parity-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    public static TheoryData<string> Commands => new() { "status", "gateway status" };

    /// <summary>Offline <c>--deep</c> runs the reference's local security audit, which Pincer does not have.</summary>
    public static TheoryData<string> OnlineCommands => new() { "status", "gateway status", "status --deep" };

    [ReferenceTheory]
    [MemberData(nameof(Commands))]
    public async Task Offline_json_has_the_reference_structure(string command)
    {
        var env = ProcessRun.IsolatedEnv(_root);
        File.WriteAllText(env["OPENCLAW_CONFIG_PATH"], """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        env["OPENCLAW_GATEWAY_PORT"] = StatusWithoutGatewayTests.FreePort().ToString(CultureInfo.InvariantCulture);
        await AssertSameStructure(env, [.. command.Split(' '), "--json"]);
    }

    [ReferenceTheory]
    [MemberData(nameof(OnlineCommands))]
    public async Task Online_json_against_the_reference_gateway_has_the_reference_structure(string command)
    {
        Assert.Null(gateway.StartError);
        var env = ProcessRun.IsolatedEnv(_root);
        File.WriteAllText(env["OPENCLAW_CONFIG_PATH"], """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        env["OPENCLAW_GATEWAY_PORT"] = ReferenceGatewayFixture.Port.ToString(CultureInfo.InvariantCulture);
        env["OPENCLAW_GATEWAY_TOKEN"] = ReferenceGatewayFixture.Token;
        await AssertSameStructure(env, [.. command.Split(' '), "--json"]);
    }

    private static async Task AssertSameStructure(Dictionary<string, string> env, string[] args)
    {
        var theirs = await ProcessRun.RunAsync(ReferenceInstall.Cli, args, env, TimeSpan.FromSeconds(90));
        var ours = await CliHarness.RunAsync(env, args);
        Assert.Equal(theirs.Exit, ours.Exit);
        var expected = TypedShape.Of(JsonNode.Parse(theirs.Out), Collapsed);
        var actual = TypedShape.Of(JsonNode.Parse(ours.Out), Collapsed);
        Assert.True(expected.SetEquals(actual), TypedShape.Diff(expected, actual));
    }
}
