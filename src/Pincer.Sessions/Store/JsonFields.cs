using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Sessions.Store;

/// <summary>
/// Typed reads and writes on a JSON record the reference owns. Reads are forgiving (a field of the
/// wrong type reads as absent, as the reference's coercions do); writing null removes the field, as
/// <c>JSON.stringify</c> drops <c>undefined</c>. Replacing a field keeps its position.
/// </summary>
internal static class JsonFields
{
    public static string? GetString(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static long? GetInt64(JsonObject json, string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return integer;
        }

        return value.TryGetValue<double>(out var real) && double.IsFinite(real) ? (long)Math.Floor(real) : null;
    }

    public static double? GetDouble(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && value.TryGetValue<double>(out var real) && double.IsFinite(real)
            ? real
            : null;

    public static bool? GetBoolean(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    public static JsonObject? GetObject(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    public static void Set(JsonObject json, string name, string? value) => SetNode(json, name, value is null ? null : JsonValue.Create(value));

    public static void Set(JsonObject json, string name, long? value) => SetNode(json, name, value is { } v ? JsonValue.Create(v) : null);

    public static void Set(JsonObject json, string name, bool? value) => SetNode(json, name, value is { } v ? JsonValue.Create(v) : null);

    /// <summary>Sets (a detached copy of) <paramref name="node"/>, or removes the field when null.</summary>
    public static void SetNode(JsonObject json, string name, JsonNode? node)
    {
        if (node is null)
        {
            json.Remove(name);
            return;
        }

        json[name] = node.Parent is null ? node : node.DeepClone();
    }
}
