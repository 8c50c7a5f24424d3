using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// Collects the literals a failing value could have been, and renders the
/// <c>(allowed: …)</c> hint: at most 12 shown, long strings cut at 160 chars.
/// </summary>
internal static class AllowedValues
{
    private const int MaxShown = 12;
    private const int MaxChars = 160;

    public sealed record Summary(IReadOnlyList<string> Values, int HiddenCount, string Formatted);

    public static Summary? FromIssue(SchemaIssue issue)
    {
        if (issue.IsPlugin)
        {
            return issue.PluginAllowedValues is { Count: > 0 } p ? Summarize(p) : null;
        }

        var (values, incomplete) = Collect(issue);
        return incomplete || values.Count == 0 ? null : Summarize(values);
    }

    public static string AppendHint(string message, Summary summary)
    {
        var lower = message.ToLowerInvariant();
        return lower.Contains("(allowed:", StringComparison.Ordinal) || lower.Contains("expected one of", StringComparison.Ordinal)
            ? message
            : $"{message} (allowed: {summary.Formatted})";
    }

    private static (List<JsonNode?> Values, bool Incomplete) Collect(SchemaIssue issue)
    {
        switch (issue.Code)
        {
            case "invalid_value":
                return issue.Values is { } v ? ([.. v], false) : ([], true);
            case "invalid_type":
                return issue.Expected == "boolean" ? ([JsonValue.Create(true), JsonValue.Create(false)], false) : ([], true);
            case "invalid_union":
                if (issue.Branches is not { Count: > 0 } branches)
                {
                    return ([], true);
                }

                var all = new List<JsonNode?>();
                foreach (var branch in branches)
                {
                    if (branch.Count == 0)
                    {
                        return ([], true);
                    }

                    var (values, incomplete) = CollectList(branch);
                    if (incomplete || values.Count == 0)
                    {
                        return ([], true);
                    }

                    all.AddRange(values);
                }

                return (all, false);
            default:
                return ([], false);
        }
    }

    private static (List<JsonNode?> Values, bool Incomplete) CollectList(List<SchemaIssue> issues)
    {
        var all = new List<JsonNode?>();
        foreach (var issue in issues)
        {
            var (values, incomplete) = Collect(issue);
            if (incomplete)
            {
                return ([], true);
            }

            all.AddRange(values);
        }

        return (all, false);
    }

    private static Summary Summarize(IEnumerable<JsonNode?> values)
    {
        var seen = new HashSet<string>();
        var entries = new List<(string Value, string Label)>();
        foreach (var node in values)
        {
            var isString = node is JsonValue v && v.TryGetValue<string>(out _);
            var value = isString ? node!.GetValue<string>() : JsonText.Literal(node);
            var kind = node is null ? "null" : isString ? "string" : JsonText.TypeName(node, true);
            if (!seen.Add($"{kind}:{value}"))
            {
                continue;
            }

            var label = isString ? JsonText.Literal(JsonValue.Create(Truncate(value))) : Truncate(value);
            entries.Add((value, label));
        }

        var shown = entries.Take(MaxShown).ToList();
        var hidden = entries.Count - shown.Count;
        var core = string.Join(", ", shown.Select(e => e.Label));
        return new Summary([.. shown.Select(e => e.Value)], hidden, hidden > 0 ? $"{core}, ... (+{hidden} more)" : core);
    }

    private static string Truncate(string text) =>
        text.Length <= MaxChars ? text : $"{text[..MaxChars]}... (+{text.Length - MaxChars} chars)";
}
