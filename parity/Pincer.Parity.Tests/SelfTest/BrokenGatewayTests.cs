using System.Text.Json.Nodes;
using Pincer.Parity.Normalising;
using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;
using Pincer.Parity.Suite;
using Pincer.Parity.Tests.Scenarios;
using Xunit.Abstractions;

namespace Pincer.Parity.Tests.SelfTest;

/// <summary>
/// The harness must catch a broken gateway: the reference seen through a proxy that flips one error
/// code has to fail, and the same reference through an honest proxy has to pass (so the
/// normaliser hides only noise between two runs).
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class BrokenGatewayTests(ParityFixture fixture, ITestOutputHelper output)
{
    private const string ScenarioFile = "gateway/protocol-mismatch.json";
    private const string FlippedPath = "steps[1].response.error.code";

    private static Scenario Load() => ScenarioLoader.Load(ParityPaths.ScenariosDir, Path.Combine(ParityPaths.ScenariosDir, ScenarioFile));

    [Fact]
    public async Task Flipped_error_code_fails_and_honest_proxy_passes()
    {
        var scenario = Load();
        if (ParityPaths.ReferenceCli is null)
        {
            output.WriteLine("reference not installed: checking the differ on the recorded golden instead of a live proxy");
            var golden = GoldenStore.Load(scenario) ?? throw new InvalidOperationException("no golden for " + scenario.Id);
            var broken = JsonNode.Parse(golden.ToJsonString().Replace("\"INVALID_REQUEST\"", "\"FORBIDDEN\"", StringComparison.Ordinal))!.AsObject();
            AssertFlipCaught(ParitySuite.Compare(scenario, golden, broken, fixture.Suite.Explanations, ParityMode.Golden));
            return;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var reference = await fixture.Suite.Pool.GetAsync(GatewayKind.Reference, scenario.Gateway, cts.Token);
        Assert.True(reference.Ready, reference.StartError);

        var direct = await StepRunner.RunAsync(scenario, reference, cts.Token);
        var expected = Normalise(direct.Result, reference);

        await using (var honest = new FlippingProxy(reference.Port, null, null))
        {
            var run = await StepRunner.RunAsync(scenario, reference, cts.Token, honest.Port);
            var outcome = ParitySuite.Compare(scenario, expected, Normalise(run.Result, reference, honest.Port), fixture.Suite.Explanations, ParityMode.Live);
            output.WriteLine(outcome.Report());
            Assert.True(outcome.Passed, "reference vs itself through an honest proxy must pass:\n" + outcome.Report());
        }

        await using var flipping = new FlippingProxy(reference.Port, "\"code\":\"INVALID_REQUEST\"", "\"code\":\"FORBIDDEN\"");
        var flippedRun = await StepRunner.RunAsync(scenario, reference, cts.Token, flipping.Port);
        Assert.Equal(1, flipping.Flips);
        AssertFlipCaught(ParitySuite.Compare(scenario, expected, Normalise(flippedRun.Result, reference, flipping.Port), fixture.Suite.Explanations, ParityMode.Live));
    }

    private void AssertFlipCaught(ScenarioOutcome outcome)
    {
        output.WriteLine(outcome.Report());
        Assert.False(outcome.Passed);
        var diff = Assert.Single(outcome.Unexplained);
        Assert.Equal(FlippedPath, diff.Path);
        Assert.Equal("\"INVALID_REQUEST\"", diff.Expected);
        Assert.Equal("\"FORBIDDEN\"", diff.Actual);
        Assert.Contains("reference: \"INVALID_REQUEST\"", outcome.Report(), StringComparison.Ordinal);
    }

    private static JsonObject Normalise(JsonObject result, GatewayProcess gw, params int[] extraPorts) =>
        (JsonObject)Normaliser.Normalise(result, ParitySuite.ContextOf(gw, extraPorts))!;
}
