using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pincer.Parity.Tests.Scenarios;

/// <summary>
/// Runs scenario rows grouped by the gateway they need (xUnit's default order is by hash), so each
/// gateway is started once and not evicted and restarted by the pool.
/// </summary>
public sealed class GatewayGroupOrderer : ITestCaseOrderer
{
    public const string TypeName = "Pincer.Parity.Tests.Scenarios.GatewayGroupOrderer";
    public const string AssemblyName = "Pincer.Parity.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        var byId = ScenarioLoader.LoadAll(ParityPaths.ScenariosDir).Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return testCases.OrderBy(t => t.TestMethodArguments is [string id, ..] && byId.TryGetValue(id, out var i) ? i : int.MaxValue)
            .ThenBy(t => t.DisplayName, StringComparer.Ordinal);
    }
}
