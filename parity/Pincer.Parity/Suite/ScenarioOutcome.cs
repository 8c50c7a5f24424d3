using System.Text;
using Pincer.Parity.Diffing;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Suite;

/// <summary>The verdict on one scenario.</summary>
public sealed record ScenarioOutcome(
    Scenario Scenario,
    ParityMode Mode,
    IReadOnlyList<Difference> Unexplained,
    IReadOnlyList<Difference> Explained,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Unexplained.Count == 0 && Problems.Count == 0;

    public string Report(int maxDiffs = 40)
    {
        var sb = new StringBuilder();
        var against = Mode == ParityMode.Golden ? "golden reference" : "live reference";
        sb.Append(Scenario.Id).Append(": ").Append(Passed ? "PASS" : "FAIL").Append(" (").Append(against).Append(" vs pincer)");
        sb.Append($", {Unexplained.Count} unexplained, {Explained.Count} explained difference(s)\n");
        foreach (var p in Problems)
        {
            sb.Append("  problem: ").Append(p).Append('\n');
        }

        foreach (var d in Unexplained.Take(maxDiffs))
        {
            sb.Append(d).Append('\n');
        }

        if (Unexplained.Count > maxDiffs)
        {
            sb.Append($"  … {Unexplained.Count - maxDiffs} more (see artifacts/parity/{Scenario.Id}.diff.txt)\n");
        }

        return sb.ToString();
    }
}
