using System.Text.RegularExpressions;

namespace Pincer.Parity.Diffing;

/// <summary>
/// <c>parity/EXPLAINED.md</c>: accepted differences (scenario + JSON path + reason) and narrowed
/// comparisons (scenario + step + reason). The differ reads it; anything not listed fails the run.
/// </summary>
public sealed class Explanations
{
    private readonly List<(Regex Scenario, Regex Path, string Reason)> _accepted = [];
    private readonly List<(Regex Scenario, int Step, string Reason)> _narrowed = [];

    public static Explanations Parse(string markdown)
    {
        var x = new Explanations();
        string? section = null;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim().ToLowerInvariant();
                continue;
            }

            if (!line.StartsWith('|') || line.StartsWith("|--", StringComparison.Ordinal) || line.StartsWith("| --", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (cells.Length < 3 || cells[0] is "scenario" or "Scenario")
            {
                continue;
            }

            if (section?.StartsWith("accepted", StringComparison.Ordinal) == true)
            {
                x._accepted.Add((Glob(cells[0]), Glob(cells[1]), cells[2]));
            }
            else if (section?.StartsWith("narrowed", StringComparison.Ordinal) == true && int.TryParse(cells[1], out var step))
            {
                x._narrowed.Add((Glob(cells[0]), step, cells[2]));
            }
        }

        return x;
    }

    public static Explanations Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : new Explanations();

    public string? Explain(string scenario, string path) =>
        _accepted.FirstOrDefault(e => e.Scenario.IsMatch(scenario) && e.Path.IsMatch(path)).Reason;

    public string? NarrowingReason(string scenario, int step) =>
        _narrowed.FirstOrDefault(e => e.Scenario.IsMatch(scenario) && e.Step == step).Reason;

    /// <summary><c>*</c> matches anything, everything else is literal; the whole string must match.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
}
