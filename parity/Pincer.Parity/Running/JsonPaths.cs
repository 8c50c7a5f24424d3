using System.Text.Json.Nodes;

namespace Pincer.Parity.Running;

/// <summary>Dotted paths with <c>[n]</c> indexes (<c>response.error.details.code</c>, <c>steps[2].close</c>).</summary>
public static class JsonPaths
{
    public static JsonNode? Get(JsonNode? node, string path)
    {
        foreach (var seg in Segments(path))
        {
            node = seg switch
            {
                int i when node is JsonArray a => i < a.Count ? a[i] : null,
                string k when node is JsonObject o => o[k],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Whether every path in <paramref name="expected"/> holds its value in <paramref name="node"/> (none: true).</summary>
    public static bool Matches(JsonNode? node, JsonObject? expected) =>
        expected is null || expected.All(kv => JsonNode.DeepEquals(Get(node, kv.Key), kv.Value));

    public static bool Has(JsonNode? node, string path)
    {
        var segs = Segments(path).ToList();
        if (segs.Count == 0)
        {
            return node is not null;
        }

        var parent = segs.Count == 1 ? node : Get(node, Join(segs.Take(segs.Count - 1)));
        return (segs[^1], parent) switch
        {
            (string k, JsonObject o) => o.ContainsKey(k),
            (int i, JsonArray a) => i < a.Count,
            _ => false,
        };
    }

    public static IEnumerable<object> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                yield return name;
                continue;
            }

            if (bracket > 0)
            {
                yield return name[..bracket];
            }

            foreach (var idx in name[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return int.Parse(idx, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public static string Join(IEnumerable<object> segments)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var s in segments)
        {
            if (s is int i)
            {
                sb.Append('[').Append(i).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append((string)s);
            }
        }

        return sb.ToString();
    }
}
