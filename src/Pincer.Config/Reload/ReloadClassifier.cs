using System.Text.RegularExpressions;

namespace Pincer.Config.Reload;

/// <summary>Classifies changed config paths by the most specific reload rule; unknown paths need a restart.</summary>
public static partial class ReloadClassifier
{
    public static IReadOnlyList<ReloadDecision> Classify(IEnumerable<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(changedPaths);
        return [.. changedPaths.Select(p => new ReloadDecision(p, KindOf(p)))];
    }

    public static ReloadKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        // Install bookkeeping timestamps change on every reinstall and mean nothing at runtime.
        if (PluginInstallTimestamp().IsMatch(path))
        {
            return ReloadKind.None;
        }

        foreach (var rule in ReloadRuleTable.Rules)
        {
            if (rule.Matches(path))
            {
                return rule.Kind;
            }
        }

        return ReloadKind.Restart;
    }

    /// <summary>The strongest kind across paths (restart &gt; hot &gt; none).</summary>
    public static ReloadKind Combine(IEnumerable<ReloadDecision> decisions) =>
        decisions.Select(d => d.Kind).DefaultIfEmpty(ReloadKind.None).Max();

    internal static IEnumerable<string> Prefixes => ReloadRuleTable.Rules.Select(r => r.Prefix);

    [GeneratedRegex(@"^plugins\.installs\..+\.(installedAt|resolvedAt)$")]
    private static partial Regex PluginInstallTimestamp();
}
