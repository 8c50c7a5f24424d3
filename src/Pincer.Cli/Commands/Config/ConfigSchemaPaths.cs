using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Walks the config JSON Schema along a concrete path (following anyOf/oneOf/allOf, properties,
/// additionalProperties and items) to tell whether a path is known and whether it holds an array.
/// </summary>
internal static class ConfigSchemaPaths
{
    public static bool IsKnown(IReadOnlyList<string> segments) => At(segments).Count > 0;

    /// <summary>True when the schema only allows an array here, false when only an object, else null.</summary>
    public static bool? PrefersArray(IReadOnlyList<string> segments)
    {
        var candidates = At(segments).SelectMany(Alternatives).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var hasArray = candidates.Any(LooksArray);
        var hasObject = candidates.Any(LooksObject);
        return hasArray == hasObject ? null : hasArray;
    }

    /// <summary>
    /// A copy of <paramref name="value"/> with object keys in schema declaration order (unknown keys
    /// last, in file order): the reference prints values after its schema parse, which reorders them.
    /// </summary>
    public static JsonNode? InSchemaOrder(JsonNode? value, IReadOnlyList<string> segments) => Order(value?.DeepClone(), At(segments));

    private static JsonNode? Order(JsonNode? node, List<JsonObject> schemas)
    {
        var alternatives = schemas.SelectMany(Alternatives).ToList();
        switch (node)
        {
            case JsonObject obj:
                var declared = alternatives.Select(a => a["properties"] as JsonObject).OfType<JsonObject>().SelectMany(p => p.Select(kv => kv.Key)).Distinct().ToList();
                var entries = obj.ToList();
                obj.Clear();
                var ordered = entries.OrderBy(e => declared.IndexOf(e.Key) is var i && i >= 0 ? i : int.MaxValue).ToList();
                foreach (var (key, child) in ordered)
                {
                    obj[key] = Order(child, schemas.SelectMany(s => Child(s, key)).ToList());
                }

                return obj;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    var item = arr[i];
                    arr[i] = null;
                    arr[i] = Order(item, schemas.SelectMany(s => Child(s, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());
                }

                return arr;
            default:
                return node;
        }
    }

    private static List<JsonObject> At(IReadOnlyList<string> segments)
    {
        var schemas = new List<JsonObject> { ConfigSchemaSource.Schema };
        foreach (var segment in segments)
        {
            schemas = schemas.SelectMany(s => Child(s, segment)).ToList();
            if (schemas.Count == 0)
            {
                break;
            }
        }

        return schemas;
    }

    private static IEnumerable<JsonObject> Child(JsonObject schema, string segment)
    {
        foreach (var alt in Alternatives(schema))
        {
            if (LooksArray(alt))
            {
                if (ConfigPathParser.ArrayIndex(segment) is { } index)
                {
                    var item = alt["items"] is JsonArray tuple ? (index < tuple.Count ? tuple[index] : null) : alt["items"];
                    if (item is JsonObject itemSchema)
                    {
                        yield return itemSchema;
                    }
                }

                continue;
            }

            if (alt["properties"] is JsonObject props && props[segment] is JsonObject explicitSchema)
            {
                yield return explicitSchema;
            }
            else if (alt["additionalProperties"] is JsonObject extra)
            {
                yield return extra;
            }
        }
    }

    private static List<JsonObject> Alternatives(JsonObject schema)
    {
        var result = new List<JsonObject>();
        var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<JsonObject>();
        stack.Push(schema);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!seen.Add(s))
            {
                continue;
            }

            result.Add(s);
            foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (s[key] is JsonArray entries)
                {
                    foreach (var e in entries.OfType<JsonObject>().Reverse())
                    {
                        stack.Push(e);
                    }
                }
            }
        }

        return result;
    }

    private static bool HasType(JsonObject s, string type) => s["type"] switch
    {
        JsonValue v => v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == type,
        JsonArray a => a.Any(t => t is JsonValue tv && tv.GetValueKind() == System.Text.Json.JsonValueKind.String && tv.GetValue<string>() == type),
        _ => false,
    };

    private static bool LooksArray(JsonObject s) => HasType(s, "array") || s["items"] is JsonObject or JsonArray;

    private static bool LooksObject(JsonObject s) =>
        HasType(s, "object") || s["properties"] is JsonObject || s["additionalProperties"] is JsonObject ||
        (s["additionalProperties"] is JsonValue ap && ap.GetValueKind() == System.Text.Json.JsonValueKind.True);
}
