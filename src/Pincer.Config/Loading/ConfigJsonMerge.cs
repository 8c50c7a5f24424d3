using System.Text.Json.Nodes;

namespace Pincer.Config.Loading;

/// <summary>
/// The merge <c>$include</c> uses: objects merge recursively, arrays concatenate, anything else
/// is replaced by the later value. Keys that could poison a JavaScript prototype are dropped so a
/// config that works here behaves the same under the reference.
/// </summary>
internal static class ConfigJsonMerge
{
    private static readonly HashSet<string> BlockedKeys = new(StringComparer.Ordinal) { "__proto__", "constructor", "prototype" };

    public static JsonNode? Merge(JsonNode? target, JsonNode? source)
    {
        if (target is JsonArray targetArray && source is JsonArray sourceArray)
            return Concat(targetArray, sourceArray);
        if (target is not JsonObject targetObject || source is not JsonObject sourceObject)
            return source?.DeepClone();

        var merged = Sanitize(targetObject);
        foreach (var (key, value) in sourceObject)
        {
            if (BlockedKeys.Contains(key))
                continue;
            var current = merged[key];
            merged[key] = value switch
            {
                JsonObject valueObject => current is JsonObject ? Merge(current, valueObject) : Sanitize(valueObject),
                JsonArray valueArray when current is JsonArray currentArray => Concat(currentArray, valueArray),
                _ => value?.DeepClone(),
            };
        }

        return merged;
    }

    private static JsonObject Sanitize(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!BlockedKeys.Contains(key))
                copy[key] = value?.DeepClone();
        }

        return copy;
    }

    private static JsonArray Concat(JsonArray first, JsonArray second)
    {
        var result = new JsonArray();
        foreach (var item in first)
            result.Add(item?.DeepClone());
        foreach (var item in second)
            result.Add(item?.DeepClone());
        return result;
    }
}
