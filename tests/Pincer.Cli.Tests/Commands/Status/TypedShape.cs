using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Commands.Status;

/// <summary>
/// A JSON document reduced to its structure: every key path with the kind of value found there
/// (<c>object</c>, <c>array</c>, <c>string</c>, <c>number</c>, <c>bool</c>, <c>null</c>). Array
/// elements share the path <c>[]</c>. Volatile values (pids, paths, timestamps, durations) vanish
/// because only kinds are kept; subtrees named in <c>collapse</c> are kept as a single entry so
/// their inner keys are not compared (sampled runtime blocks whose keys vary between samples).
/// </summary>
internal static class TypedShape
{
    public static SortedSet<string> Of(JsonNode? node, params string[] collapse)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        Walk(node, "$", set, new HashSet<string>(collapse, StringComparer.Ordinal));
        return set;
    }

    private static void Walk(JsonNode? node, string path, SortedSet<string> into, HashSet<string> collapse)
    {
        into.Add($"{path}:{Kind(node)}");
        if (collapse.Contains(path))
        {
            return;
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Walk(value, $"{path}.{key}", into, collapse);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, $"{path}[]", into, collapse);
                }

                break;
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "?",
    };

    /// <summary>A readable difference for assertion messages.</summary>
    public static string Diff(SortedSet<string> expected, SortedSet<string> actual) =>
        "missing: " + string.Join(", ", expected.Except(actual)) + Environment.NewLine + "extra: " + string.Join(", ", actual.Except(expected));
}
