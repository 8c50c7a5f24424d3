using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// Puts stored secrets back where a written config still has the sentinel, so a client that
/// edits a redacted config.get result does not overwrite credentials with the placeholder.
/// </summary>
internal static class RestoreWalker
{
    public static JsonNode Restore(JsonNode incoming, JsonNode? original, RedactionContext context)
    {
        var restored = Visit(incoming, original, string.Empty, context)!;
        AssertNoSentinel(restored, string.Empty);
        return restored;
    }

    private static JsonNode? Visit(JsonNode? incoming, JsonNode? original, string prefix, RedactionContext context) => incoming switch
    {
        JsonArray array => VisitArray(array, original, prefix, context),
        JsonObject obj => VisitObject(obj, original as JsonObject, prefix, context),
        _ => incoming?.DeepClone(),
    };

    private static JsonArray VisitArray(JsonArray incoming, JsonNode? original, string prefix, RedactionContext context)
    {
        var path = prefix + "[]";
        var schemaMatched = context.Lookup?.Contains(path) == true;
        var itemContext = schemaMatched ? context : context.WithoutLookup();
        var heuristic = !context.IsExplicitlyNonSensitive(path) && SensitivePaths.IsSensitive(path);
        var originals = ArrayPairing.Pair(incoming, original as JsonArray ?? []);
        var result = new JsonArray();
        for (var i = 0; i < incoming.Count; i++)
        {
            var item = incoming[i];
            var originalItem = originals[i];
            // A sentinel with no counterpart becomes null: the reference maps it to undefined,
            // which JSON serialises as null inside an array.
            result.Add((schemaMatched || heuristic) && IsSentinel(item)
                ? originalItem?.DeepClone()
                : Visit(item, originalItem, path, itemContext));
        }

        return result;
    }

    private static JsonObject VisitObject(JsonObject incoming, JsonObject? original, string prefix, RedactionContext context)
    {
        var result = new JsonObject();
        var leftHints = context.WithoutLookup();
        foreach (var (key, value) in incoming)
        {
            var path = prefix.Length > 0 ? $"{prefix}.{key}" : key;
            var wildcard = prefix.Length > 0 ? $"{prefix}.*" : "*";
            var candidate = context.Candidate(path, wildcard);
            var restorable = (candidate is not null
                    ? context.HintSensitiveIsTrue(candidate)
                    : !context.IsExplicitlyNonSensitive(path, wildcard) && SensitivePaths.IsSensitive(path))
                || context.HasUrlSecretTag(path, wildcard)
                || SensitiveUrls.IsSensitiveUrlConfigPath(path);
            JsonNode? originalValue = null;
            var hasOriginal = original is not null && original.TryGetPropertyValue(key, out originalValue);

            if (restorable && IsSentinel(value))
            {
                if (!hasOriginal)
                {
                    throw new ConfigRedactionException(
                        $"Sentinel value \"{ConfigRedactor.Sentinel}\" in key {candidate ?? path} is not valid as real data");
                }

                result[key] = originalValue?.DeepClone();
            }
            else if (value is JsonObject or JsonArray)
            {
                result[key] = (candidate is not null || restorable) && TryRestoreSecretRef(value, originalValue, path) is { } restoredRef
                    ? restoredRef
                    : Visit(value, originalValue, candidate ?? path, candidate is not null ? context : leftHints);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>
    /// A SecretRef whose id was redacted gets the stored id back, but only when it still points at
    /// the same source and provider: otherwise the stored id would be applied to a different store.
    /// </summary>
    private static JsonObject? TryRestoreSecretRef(JsonNode? incoming, JsonNode? original, string path)
    {
        var incomingRef = incoming as JsonObject;
        if (!SecretRefs.HasShape(incomingRef) || !IsSentinel(incomingRef!["id"]))
        {
            return null;
        }

        var originalRef = original as JsonObject;
        if (!SecretRefs.HasShapeWithProvider(originalRef))
        {
            throw new ConfigRedactionException(SecretRefs.HasShape(originalRef)
                ? $"SecretRef at {path} requires a provider field to restore the redacted id automatically (original ref lacks provider)."
                : $"SecretRef at {path} contains a redacted id placeholder with no matching original value.");
        }

        if (!SecretRefs.HasShapeWithProvider(incomingRef))
        {
            throw new ConfigRedactionException($"SecretRef at {path} must include source, provider, and id when redacted placeholders are present.");
        }

        if (SecretRefs.AsString(incomingRef["source"]) != SecretRefs.AsString(originalRef!["source"])
            || SecretRefs.AsString(incomingRef["provider"]) != SecretRefs.AsString(originalRef["provider"]))
        {
            throw new ConfigRedactionException($"SecretRef at {path} changed source/provider while id is redacted. Provide an explicit id when changing source/provider.");
        }

        var copy = incomingRef.DeepClone().AsObject();
        copy["id"] = originalRef["id"]!.DeepClone();
        return copy;
    }

    /// <summary>Any sentinel left over sits where nothing could be restored; writing it would corrupt the config.</summary>
    private static void AssertNoSentinel(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonValue when IsSentinel(node):
                var label = path.Length > 0 ? path : "<root>";
                throw new ConfigRedactionException(
                    $"Reserved redaction sentinel \"{ConfigRedactor.Sentinel}\" is not valid config data ({label}).");
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AssertNoSentinel(array[i], path.Length > 0 ? $"{path}[{i}]" : $"[{i}]");
                }

                break;
            case JsonObject obj:
                foreach (var (key, item) in obj)
                {
                    AssertNoSentinel(item, path.Length > 0 ? $"{path}.{key}" : key);
                }

                break;
        }
    }

    internal static bool IsSentinel(JsonNode? node) => SecretRefs.AsString(node) == ConfigRedactor.Sentinel;
}
