using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>Turns raw schema findings into the reference's <c>{path, message}</c> issues.</summary>
internal static class IssueFormatter
{
    public static ConfigIssue ToConfigIssue(SchemaIssue issue)
    {
        var path = JoinPath(issue.Path);
        var message = issue.IsPlugin ? issue.Message : WithBoundHint(issue);
        var summary = AllowedValues.FromIssue(issue);
        if (summary is null && issue.Code == "invalid_union" && BindingsBranchIssue(issue) is { } better)
        {
            return better;
        }

        return new ConfigIssue(path, summary is null ? message : AllowedValues.AppendHint(message, summary));
    }

    public static string JoinPath(IEnumerable<object> segments) =>
        string.Join(".", segments.Select(s => s is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string)s));

    private static string WithBoundHint(SchemaIssue issue)
    {
        if (issue.Origin != "number" || issue.Limit is not { } limit)
        {
            return issue.Message;
        }

        var n = JsonText.Number(limit);
        return issue.Code switch
        {
            "too_big" => issue.Inclusive ? $"{issue.Message} (maximum: {n})" : $"{issue.Message} (must be less than {n})",
            "too_small" => issue.Inclusive ? $"{issue.Message} (minimum: {n})" : $"{issue.Message} (must be greater than {n})",
            _ => issue.Message,
        };
    }

    /// <summary>
    /// A failed <c>bindings[i]</c> union is reported through the one branch that is not merely a
    /// route/acp type mismatch, at its deepest finding, so users see the real mistake.
    /// </summary>
    private static ConfigIssue? BindingsBranchIssue(SchemaIssue union)
    {
        if (union.Path.Count < 2 || union.Path[0] is not "bindings" || union.Path[1] is not int || union.Branches is null)
        {
            return null;
        }

        SchemaIssue? chosen = null;
        var chosenUnrecognized = false;
        var chosenLength = -1;
        var sawRouteMismatch = false;
        foreach (var branch in union.Branches)
        {
            if (branch.Count == 0)
            {
                continue;
            }

            if (branch.Any(IsRouteTypeMismatch))
            {
                sawRouteMismatch = true;
                continue;
            }

            SchemaIssue? best = null;
            var bestUnrecognized = false;
            var bestLength = -1;
            foreach (var issue in branch)
            {
                var unrecognized = issue.Code == "unrecognized_keys";
                if (issue.Path.Count > bestLength || (issue.Path.Count == bestLength && unrecognized && !bestUnrecognized))
                {
                    best = issue;
                    bestUnrecognized = unrecognized;
                    bestLength = issue.Path.Count;
                }
            }

            if (best is null)
            {
                continue;
            }

            if (chosen is not null)
            {
                return null;
            }

            chosen = best;
            chosenUnrecognized = bestUnrecognized;
            chosenLength = bestLength;
        }

        if (!sawRouteMismatch || chosen is null || (chosenLength == 0 && !chosenUnrecognized))
        {
            return null;
        }

        return new ConfigIssue(JoinPath([.. union.Path, .. chosen.Path]), chosen.Message);
    }

    private static bool IsRouteTypeMismatch(SchemaIssue issue) =>
        issue.Path.Count == 1 && issue.Path[0] is "type" && issue.Code == "invalid_value"
        && issue.Values is { } values && values.Any(v => v is JsonValue j && j.TryGetValue<string>(out var s) && s == "route");
}
