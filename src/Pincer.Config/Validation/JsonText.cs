using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>Renders values the way JavaScript would print them inside messages.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions RelaxedOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (Math.Abs(value) < 1e21 && Math.Floor(value) == value)
        {
            return ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>JSON text of a primitive (strings quoted), matching <c>JSON.stringify</c>.</summary>
    public static string Literal(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d))
        {
            return Number(d);
        }

        return node.ToJsonString(RelaxedOptions);
    }

    /// <summary>The type name zod reports as "received".</summary>
    public static string TypeName(JsonNode? node, bool present) => !present
        ? "undefined"
        : node switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "unknown",
            },
            _ => "unknown",
        };
}
