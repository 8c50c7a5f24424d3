using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>Shape tests for SecretRef objects (<c>{source, provider?, id}</c>) as redaction sees them.</summary>
internal static class SecretRefs
{
    public static bool HasShape(JsonObject? value) =>
        value is not null && IsString(value["source"]) && IsString(value["id"]);

    public static bool HasShapeWithProvider(JsonObject? value) => HasShape(value) && IsString(value!["provider"]);

    public static bool IsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;

    public static string? AsString(JsonNode? node) => IsString(node) ? node!.GetValue<string>() : null;
}
