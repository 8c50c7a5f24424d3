using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Parity.Diffing;

/// <summary>Structural diff of two normalised JSON trees, reported by JSON path.</summary>
public static class JsonDiff
{
    public const string Absent = "(absent)";
    private const int MaxShown = 300;
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<Difference> Compare(JsonNode? expected, JsonNode? actual, string path = "")
    {
        var diffs = new List<Difference>();
        Walk(expected, actual, path, diffs, expectedPresent: true, actualPresent: true);
        return diffs;
    }

    private static void Walk(JsonNode? e, JsonNode? a, string path, List<Difference> diffs, bool expectedPresent, bool actualPresent)
    {
        if (!expectedPresent || !actualPresent)
        {
            diffs.Add(new Difference(path, expectedPresent ? Show(e) : Absent, actualPresent ? Show(a) : Absent));
            return;
        }

        switch (e, a)
        {
            case (JsonObject eo, JsonObject ao):
                foreach (var key in eo.Select(kv => kv.Key).Union(ao.Select(kv => kv.Key), StringComparer.Ordinal))
                {
                    Walk(eo[key], ao[key], Child(path, key), diffs, eo.ContainsKey(key), ao.ContainsKey(key));
                }

                return;
            case (JsonArray ea, JsonArray aa) when AllStrings(ea) && AllStrings(aa) && (ea.Count > 0 || aa.Count > 0):
                CompareNameLists(ea, aa, path, diffs);
                return;
            case (JsonArray ea, JsonArray aa):
                for (var i = 0; i < Math.Max(ea.Count, aa.Count); i++)
                {
                    Walk(i < ea.Count ? ea[i] : null, i < aa.Count ? aa[i] : null, $"{path}[{i}]", diffs, i < ea.Count, i < aa.Count);
                }

                return;
            default:
                if (!JsonNode.DeepEquals(e, a))
                {
                    diffs.Add(new Difference(path, Show(e), Show(a)));
                }

                return;
        }
    }

    /// <summary>
    /// Lists of names (methods, scopes, plugins) are reported as missing/extra members rather than
    /// index by index, so one inserted name does not turn into hundreds of lines.
    /// </summary>
    private static void CompareNameLists(JsonArray e, JsonArray a, string path, List<Difference> diffs)
    {
        var es = e.Select(x => (string)x!).ToList();
        var @as = a.Select(x => (string)x!).ToList();
        var missing = es.Except(@as, StringComparer.Ordinal).ToList();
        var extra = @as.Except(es, StringComparer.Ordinal).ToList();
        foreach (var m in missing)
        {
            diffs.Add(new Difference($"{path}[\"{m}\"]", "contains " + Show(JsonValue.Create(m)), Absent));
        }

        foreach (var x in extra)
        {
            diffs.Add(new Difference($"{path}[\"{x}\"]", Absent, "contains " + Show(JsonValue.Create(x))));
        }

        if (missing.Count == 0 && extra.Count == 0 && !es.SequenceEqual(@as, StringComparer.Ordinal))
        {
            diffs.Add(new Difference(path, "order " + Show(e), "order " + Show(a)));
        }
    }

    private static bool AllStrings(JsonArray a) => a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String);

    private static string Child(string path, string key) =>
        path.Length == 0 ? key : key.Contains('.', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal) ? $"{path}[\"{key}\"]" : path + "." + key;

    public static string Show(JsonNode? n)
    {
        var s = n?.ToJsonString(Relaxed) ?? "null";
        return s.Length <= MaxShown ? s : s[..MaxShown] + $"… ({s.Length} chars)";
    }
}
