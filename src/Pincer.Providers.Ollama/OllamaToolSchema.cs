using System.Text.Json.Nodes;

namespace Pincer.Providers.Ollama;

/// <summary>
/// Tool parameter schemas the way the reference hands them to Ollama: every node gets a concrete <c>type</c>
/// (Ollama's template code needs one) and every object a <c>properties</c> map, appended after the original keys.
/// </summary>
internal static class OllamaToolSchema
{
    public static JsonObject Normalize(JsonNode? schema, bool isRoot = false)
    {
        if (schema is not JsonObject source)
        {
            return new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        }

        var normalized = new JsonObject();
        foreach (var (key, value) in source)
        {
            normalized[key] = key switch
            {
                "properties" when value is JsonObject properties =>
                    new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Normalize(p.Value)))),
                "items" when value is JsonArray list => new JsonArray([.. list.Select(e => (JsonNode?)Normalize(e))]),
                "items" => Normalize(value),
                "anyOf" or "oneOf" or "allOf" when value is JsonArray variants => new JsonArray([.. variants.Select(e => (JsonNode?)Normalize(e))]),
                _ => value?.DeepClone(),
            };
        }

        if (!HasConcreteType(normalized["type"]))
        {
            normalized["type"] = Infer(normalized) ?? (isRoot ? "object" : "string");
        }

        if ((normalized["type"] as JsonValue)?.ToString() == "object" && normalized["properties"] is not JsonObject)
        {
            normalized["properties"] = new JsonObject();
        }

        return normalized;
    }

    private static bool HasConcreteType(JsonNode? type) => type switch
    {
        JsonValue value => value.TryGetValue<string>(out _),
        JsonArray list => list.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s != "null"),
        _ => false,
    };

    private static string? Infer(JsonObject schema)
    {
        if (schema["properties"] is JsonObject)
        {
            return "object";
        }

        if (schema["items"] is not null)
        {
            return "array";
        }

        if (schema["enum"] is JsonArray values && values.Where(v => v is not null).ToList() is { Count: > 0 } present)
        {
            var kinds = present.Select(v => v!.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                _ => "",
            }).Distinct().ToList();
            if (kinds is [{ Length: > 0 } kind])
            {
                return kind;
            }
        }

        foreach (var union in (string[])["anyOf", "oneOf"])
        {
            foreach (var variant in (schema[union] as JsonArray ?? []).OfType<JsonObject>())
            {
                switch (variant["type"])
                {
                    case JsonValue v when v.TryGetValue<string>(out var type) && type != "null":
                        return type;
                    case JsonArray list when list.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var s) ? s : null).FirstOrDefault(s => s is not null and not "null") is { } first:
                        return first;
                }

                if (Infer(variant) is { } inferred)
                {
                    return inferred;
                }
            }
        }

        return null;
    }
}
