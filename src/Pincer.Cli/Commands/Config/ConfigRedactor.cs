using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Replaces values at schema paths marked <c>sensitive</c> in the UI hints with the reference's
/// redaction sentinel before <c>config get</c> prints them. Hint paths use <c>*</c> for any key
/// and <c>[]</c> for any array element.
/// </summary>
internal static class ConfigRedactor
{
    public const string Sentinel = "__OPENCLAW_REDACTED__";

    private static readonly Lazy<List<string[]>> SensitivePatterns = new(() =>
        ConfigSchemaSource.UiHints
            .Where(p => p.Value is JsonObject hint && hint["sensitive"] is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.True)
            .Select(p => p.Key.Replace("[]", ".*", StringComparison.Ordinal).Split('.'))
            .ToList());

    /// <summary>A redacted copy of <paramref name="value"/>, which sits at <paramref name="basePath"/>.</summary>
    public static JsonNode? Redact(JsonNode? value, IReadOnlyList<string> basePath)
    {
        var copy = value?.DeepClone();
        return Walk(copy, [.. basePath]);
    }

    private static JsonNode? Walk(JsonNode? node, List<string> path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    path.Add(key);
                    obj[key] = Walk(obj[key], path);
                    path.RemoveAt(path.Count - 1);
                }

                return obj;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var replaced = Walk(arr[i], path);
                    if (!ReferenceEquals(replaced, arr[i]))
                    {
                        arr[i] = replaced;
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return arr;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String && IsSensitive(path):
                return JsonValue.Create(Sentinel);
            default:
                return node;
        }
    }

    private static bool IsSensitive(List<string> path) =>
        SensitivePatterns.Value.Any(p => p.Length == path.Count && p.Select((s, i) => s == "*" || s == path[i]).All(x => x));
}
