using System.Text.RegularExpressions;

namespace Pincer.Config.Redaction;

/// <summary>
/// Name-based sensitivity, used wherever no schema hint decides: the reference classifies by the
/// path text so plugin-owned and free-form fields get the same conservative treatment.
/// </summary>
internal static partial class SensitivePaths
{
    // Counters and limits whose names merely look like "token"/"password" fields.
    private static readonly string[] NonSecretSuffixes =
    [
        "maxtokens", "maxoutputtokens", "maxinputtokens", "maxcompletiontokens", "contexttokens",
        "totaltokens", "tokencount", "tokenlimit", "tokenbudget", "passwordfile",
    ];

    /// <summary>Matches the whole dotted path, not just its last segment, like the reference.</summary>
    [GeneratedRegex("token$|password|secret|api.?key|encrypt.?key|private.?key|serviceaccount(?:ref)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    public static bool IsSensitiveConfigPath(string path)
    {
        var lower = path.ToLowerInvariant();
        if (lower.Contains("localservice.env.", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var suffix in NonSecretSuffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return SecretName().IsMatch(path);
    }

    /// <summary>An array path (<c>x[]</c>) is judged by the field that holds the array.</summary>
    public static bool IsSensitive(string path) =>
        IsSensitiveConfigPath(path.EndsWith("[]", StringComparison.Ordinal) ? path[..^2] : path);

    /// <summary>Credential blobs (service-account JSON) are hidden as one unit rather than per field.</summary>
    public static bool IsWholeObjectSensitive(string path)
    {
        var lower = path.ToLowerInvariant();
        return lower.EndsWith("serviceaccount", StringComparison.Ordinal) || lower.EndsWith("serviceaccountref", StringComparison.Ordinal);
    }

    /// <summary>Non-empty and not a bare <c>${VAR}</c> placeholder, which reveals nothing.</summary>
    public static bool IsConcreteSecret(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        return !(trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}') && trimmed.IndexOf('}') == trimmed.Length - 1);
    }
}
