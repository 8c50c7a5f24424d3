using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Protocol.Validation;

/// <summary>
/// Reads <see cref="JsonNode"/> values the way <c>JSON.parse</c> output behaves in JavaScript:
/// every number is an IEEE double, object keys enumerate in <c>Object.getOwnPropertyNames</c> order.
/// </summary>
internal static class JsonValues
{
    public static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
            var kind => kind,
        },
    };

    /// <summary>The JS number for a JSON number; out-of-range literals become ±Infinity like <c>JSON.parse</c>.</summary>
    public static double Number(JsonNode node)
    {
        var value = node.AsValue();
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string String(JsonNode node) => node.GetValue<string>();

    public static bool Boolean(JsonNode node) => node.GetValue<bool>();

    /// <summary>
    /// Own keys in JavaScript order: canonical array-index keys ascending first, then the rest in
    /// insertion order. This decides which unexpected property the reference names first.
    /// </summary>
    public static List<KeyValuePair<string, JsonNode?>> Entries(JsonObject obj)
    {
        var indexKeys = new List<(uint Index, KeyValuePair<string, JsonNode?> Entry)>();
        var other = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
        foreach (var entry in obj)
        {
            if (TryArrayIndex(entry.Key, out var index))
            {
                indexKeys.Add((index, entry));
            }
            else
            {
                other.Add(entry);
            }
        }

        if (indexKeys.Count == 0)
        {
            return other;
        }

        indexKeys.Sort((a, b) => a.Index.CompareTo(b.Index));
        var result = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
        foreach (var (_, entry) in indexKeys)
        {
            result.Add(entry);
        }

        result.AddRange(other);
        return result;
    }

    private static bool TryArrayIndex(string key, out uint index)
    {
        index = 0;
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        ulong value = 0;
        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        // 2^32 - 1 is not an array index in JS, so it sorts with the string keys.
        if (value >= uint.MaxValue)
        {
            return false;
        }

        index = (uint)value;
        return true;
    }

    /// <summary>
    /// TypeBox's <c>const</c>/<c>enum</c> comparison: <c>===</c> for primitives, structural equality
    /// (key order ignored, key counts must match) for arrays and objects.
    /// </summary>
    public static bool JsEquals(JsonNode? value, JsonNode? expected)
    {
        var kind = Kind(value);
        var expectedKind = Kind(expected);
        switch (kind)
        {
            case JsonValueKind.Array:
                if (expectedKind != JsonValueKind.Array)
                {
                    return false;
                }

                var left = (JsonArray)value!;
                var right = (JsonArray)expected!;
                if (left.Count != right.Count)
                {
                    return false;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (!JsEquals(left[i], right[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                if (expectedKind != JsonValueKind.Object)
                {
                    return false;
                }

                var lo = (JsonObject)value!;
                var ro = (JsonObject)expected!;
                if (lo.Count != ro.Count)
                {
                    return false;
                }

                foreach (var (key, child) in lo)
                {
                    if (!ro.TryGetPropertyValue(key, out var other) || !JsEquals(child, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (kind != expectedKind)
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.Null => true,
                    JsonValueKind.True => Boolean(value!) == Boolean(expected!),
                    JsonValueKind.Number => Number(value!) == Number(expected!),
                    JsonValueKind.String => string.Equals(String(value!), String(expected!), StringComparison.Ordinal),
                    _ => false,
                };
        }
    }

    /// <summary>
    /// TypeBox's <c>uniqueItems</c> identity (a structural FNV hash): like <see cref="JsEquals"/> but
    /// numbers compare by bit pattern, so <c>0</c> and <c>-0</c> count as different items.
    /// </summary>
    public static bool HashEquals(JsonNode? a, JsonNode? b)
    {
        var kind = Kind(a);
        if (kind != Kind(b))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Array:
                var left = (JsonArray)a!;
                var right = (JsonArray)b!;
                if (left.Count != right.Count)
                {
                    return false;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (!HashEquals(left[i], right[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var lo = (JsonObject)a!;
                var ro = (JsonObject)b!;
                if (lo.Count != ro.Count)
                {
                    return false;
                }

                foreach (var (key, child) in lo)
                {
                    if (!ro.TryGetPropertyValue(key, out var other) || !HashEquals(child, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Number:
                return BitConverter.DoubleToInt64Bits(Number(a!)) == BitConverter.DoubleToInt64Bits(Number(b!));
            default:
                return JsEquals(a, b);
        }
    }
}
