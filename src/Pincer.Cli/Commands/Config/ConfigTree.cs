using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>Read, write and remove values at a <see cref="ConfigPath"/> inside a JSON tree.</summary>
internal static class ConfigTree
{
    public static bool TryGet(JsonNode? root, IReadOnlyList<string> segments, out JsonNode? value)
    {
        var current = root;
        foreach (var segment in segments)
        {
            switch (current)
            {
                case JsonArray arr when ConfigPathParser.ArrayIndex(segment) is { } index && index < arr.Count:
                    current = arr[index];
                    break;
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    current = child;
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>
    /// Sets the value, creating missing containers. A missing container becomes an array when the
    /// next segment was written <c>[n]</c>, or is a plain index the schema wants as an array.
    /// </summary>
    public static void Set(JsonObject root, ConfigPath path, JsonNode? value)
    {
        var segments = path.Segments;
        JsonNode current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var segment = segments[i];
            var makeArray = NextIsArray(path, i);
            if (current is JsonArray arr)
            {
                var index = ConfigPathParser.ArrayIndex(segment) ?? throw new ConfigCommandException($"Expected numeric index for array segment \"{segment}\"");
                Pad(arr, index);
                if (arr[index] is not (JsonObject or JsonArray))
                {
                    arr[index] = makeArray ? new JsonArray() : new JsonObject();
                }

                current = arr[index]!;
                continue;
            }

            var obj = (JsonObject)current;
            if (!obj.TryGetPropertyValue(segment, out var existing) || existing is not (JsonObject or JsonArray))
            {
                obj[segment] = makeArray ? new JsonArray() : new JsonObject();
            }

            current = obj[segment]!;
        }

        var last = segments[^1];
        if (current is JsonArray leafArray)
        {
            var index = ConfigPathParser.ArrayIndex(last) ?? throw new ConfigCommandException($"Expected numeric index for array segment \"{last}\"");
            Pad(leafArray, index);
            leafArray[index] = value;
            return;
        }

        ((JsonObject)current)[last] = value;
    }

    /// <summary>Removes the value; array elements are spliced out. False when nothing was there.</summary>
    public static bool Unset(JsonNode? root, IReadOnlyList<string> segments)
    {
        if (segments.Count == 0 || !TryGet(root, segments.Take(segments.Count - 1).ToList(), out var parent))
        {
            return false;
        }

        var last = segments[^1];
        switch (parent)
        {
            case JsonArray arr when ConfigPathParser.ArrayIndex(last) is { } index && index < arr.Count:
                arr.RemoveAt(index);
                return true;
            case JsonObject obj:
                return obj.Remove(last);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>--merge</c>: objects merge recursively (patch keys win), anything else is refused.
    /// A missing target is simply set.
    /// </summary>
    public static void Merge(JsonObject root, ConfigPath path, JsonNode? value)
    {
        if (!TryGet(root, path.Segments, out var existing))
        {
            Set(root, path, value);
            return;
        }

        if (existing is JsonObject target && value is JsonObject patch)
        {
            MergeInto(target, patch);
            return;
        }

        throw new ConfigCommandException($"Cannot merge {path.Dotted}; use --replace to replace intentionally.");
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (target[key] is JsonObject child && value is JsonObject childPatch)
            {
                MergeInto(child, childPatch);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static bool NextIsArray(ConfigPath path, int i)
    {
        if (i + 1 >= path.Segments.Count || ConfigPathParser.ArrayIndex(path.Segments[i + 1]) is null)
        {
            return false;
        }

        if (path.BracketIndexes.Contains(i + 1))
        {
            return true;
        }

        return !path.QuotedNumeric.Contains(i + 1) && (ConfigSchemaPaths.PrefersArray(path.Segments.Take(i + 1).ToList()) ?? true);
    }

    private static void Pad(JsonArray arr, int index)
    {
        while (arr.Count <= index)
        {
            arr.Add(null);
        }
    }
}
