using System.Text.RegularExpressions;

namespace Pincer.Config.Loading;

/// <summary>
/// Parses <c>.env</c> text with the rules of the npm <c>dotenv</c> package: <c>KEY=value</c> or
/// <c>KEY: value</c>, optional <c>export</c>, single/double/back-quoted values (may span lines),
/// <c>#</c> comments after unquoted values, <c>\n</c>/<c>\r</c> expanded only in double quotes,
/// later duplicates win.
/// </summary>
internal static partial class DotEnvParser
{
    [GeneratedRegex("""(?:^|^)\s*(?:export\s+)?([A-Za-z0-9_.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)""", RegexOptions.Multiline)]
    private static partial Regex Line();

    [GeneratedRegex("""^(['"`])([\s\S]*)\1$""", RegexOptions.Multiline)]
    private static partial Regex SurroundingQuotes();

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string content)
    {
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var ordered = new List<KeyValuePair<string, string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in Line().Matches(text))
        {
            var key = match.Groups[1].Value;
            var value = match.Groups[2].Success ? match.Groups[2].Value.Trim() : "";
            var quote = value.Length > 0 ? value[0] : '\0';
            value = SurroundingQuotes().Replace(value, "$2");
            if (quote == '"')
                value = value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal);
            if (index.TryGetValue(key, out var at))
            {
                ordered[at] = new(key, value);
            }
            else
            {
                index[key] = ordered.Count;
                ordered.Add(new(key, value));
            }
        }

        return ordered;
    }
}
