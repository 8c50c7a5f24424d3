using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Routing.Config;

/// <summary>Reads raw config values with the reference's JavaScript coercions.</summary>
internal static class ConfigJson
{
    public static JsonObject? Object(JsonNode? node, string property)
        => node is JsonObject obj && obj.TryGetPropertyValue(property, out var value) ? value as JsonObject : null;

    public static JsonNode? Property(JsonNode? node, string property)
        => node is JsonObject obj && obj.TryGetPropertyValue(property, out var value) ? value : null;

    /// <summary>The value when it is a JSON string, else null (absent, null, and other types alike).</summary>
    public static string? String(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// A scope setting as the reference passes it along: absent or null gives null; a string is kept;
    /// any other JSON value is kept as its JSON text (it then matches no known scope).
    /// </summary>
    public static string? Setting(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// JavaScript truthiness of a JSON value, for <c>if (!value)</c> tests: null, false, 0, "" are falsy;
    /// objects and arrays are truthy.
    /// </summary>
    public static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => Number(value) != 0,
            _ => true,
        },
        _ => true,
    };

    /// <summary>An id that may be authored as a string or a number, trimmed; anything else is empty.</summary>
    public static string BindingId(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return string.Empty;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => JsText.Trim(value.GetValue<string>()),
            JsonValueKind.Number => JsText.Trim(JsText.NumberToString(Number(value))),
            _ => string.Empty,
        };
    }

    /// <summary>
    /// An object's keys in JavaScript enumeration order: array-index-like keys first in ascending
    /// numeric order, then the rest in insertion order.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> OrderedProperties(JsonObject obj)
    {
        var indexLike = new List<(uint Index, KeyValuePair<string, JsonNode?> Entry)>();
        var named = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var entry in obj)
        {
            if (TryArrayIndex(entry.Key, out var index))
            {
                indexLike.Add((index, entry));
            }
            else
            {
                named.Add(entry);
            }
        }

        return indexLike.OrderBy(e => e.Index).Select(e => e.Entry).Concat(named);
    }

    // Parsing the JSON text works whatever CLR type backs the node.
    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool TryArrayIndex(string key, out uint index)
    {
        index = 0;
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return uint.TryParse(key, out index) && index != uint.MaxValue;
    }
}
