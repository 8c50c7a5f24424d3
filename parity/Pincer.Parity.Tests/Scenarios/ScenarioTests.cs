using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;
using Xunit.Abstractions;

namespace Pincer.Parity.Tests.Scenarios;

/// <summary>One test per scenario file: the reference (live or golden) against Pincer.</summary>
[Collection(ParityCollection.Name)]
[TestCaseOrderer(GatewayGroupOrderer.TypeName, GatewayGroupOrderer.AssemblyName)]
public sealed class ScenarioTests(ParityFixture fixture, ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<Scenario>> All = new(() => ScenarioLoader.LoadAll(ParityPaths.ScenariosDir));

    /// <summary>Ordered by gateway spec so scenarios sharing a started gateway run back to back.</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var s in All.Value)
        {
            data.Add(s.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Scenario_matches_reference(string id)
    {
        var scenario = All.Value.Single(s => s.Id == id);
        if (fixture.Suite.ModeNote is { } note)
        {
            output.WriteLine("parity mode: " + fixture.Suite.Mode + " — " + note);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var outcome = await fixture.Suite.RunAsync(scenario, cts.Token);
        Assert.True(outcome.Passed, outcome.Report());
    }
}
