using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// Produces the redacted copy of a config tree and collects every concrete secret string it hid,
/// so the raw text can be scrubbed of the same values.
/// </summary>
internal static class RedactWalker
{
    public static JsonNode? Redact(JsonNode? node, RedactionContext context, List<string> values) =>
        Visit(node, string.Empty, values, context);

    private static JsonNode? Visit(JsonNode? node, string prefix, List<string> values, RedactionContext context) => node switch
    {
        null => null,
        JsonArray array => VisitArray(array, prefix, values, context),
        JsonObject obj => VisitObject(obj, prefix, values, context),
        _ => node.DeepClone(),
    };

    private static JsonArray VisitArray(JsonArray array, string prefix, List<string> values, RedactionContext context)
    {
        var path = prefix + "[]";
        var schemaMatched = context.Lookup?.Contains(path) == true;
        var itemContext = schemaMatched ? context : context.WithoutLookup();
        var heuristic = !context.IsExplicitlyNonSensitive(path) && SensitivePaths.IsSensitive(path);
        var result = new JsonArray();
        foreach (var item in array)
        {
            if ((schemaMatched || heuristic) && SecretRefs.AsString(item) is { } text && SensitivePaths.IsConcreteSecret(text))
            {
                values.Add(text);
                result.Add((JsonNode)JsonValue.Create(ConfigRedactor.Sentinel));
                continue;
            }

            result.Add(Visit(item, path, values, itemContext));
        }

        return result;
    }

    private static JsonObject VisitObject(JsonObject obj, string prefix, List<string> values, RedactionContext context)
    {
        var result = new JsonObject();
        var leftHints = context.WithoutLookup();
        foreach (var (key, value) in obj)
        {
            var path = prefix.Length > 0 ? $"{prefix}.{key}" : key;
            var wildcard = prefix.Length > 0 ? $"{prefix}.*" : "*";
            var candidate = context.Candidate(path, wildcard);
            if (candidate is not null)
            {
                result[key] = RedactHinted(value, candidate, values, context);
                continue;
            }

            var text = SecretRefs.AsString(value);
            var nonSensitive = context.IsExplicitlyNonSensitive(path, wildcard);
            if (text is not null && !nonSensitive && SensitivePaths.IsSensitive(path) && SensitivePaths.IsConcreteSecret(text))
            {
                values.Add(text);
                result[key] = ConfigRedactor.Sentinel;
            }
            else if (context.Lookup is null && !nonSensitive && value is JsonObject whole
                     && SensitivePaths.IsSensitive(path) && SensitivePaths.IsWholeObjectSensitive(path))
            {
                CollectStrings(whole, values);
                result[key] = ConfigRedactor.Sentinel;
            }
            else if (text is not null && (context.HasUrlSecretTag(path, wildcard) || SensitiveUrls.IsSensitiveUrlConfigPath(path)))
            {
                if (SensitiveUrls.CarriesCredentials(text))
                {
                    values.Add(text);
                    result[key] = ConfigRedactor.Sentinel;
                }
                else
                {
                    result[key] = text;
                }
            }
            else if (value is JsonObject or JsonArray)
            {
                result[key] = Visit(value, path, values, leftHints);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>A key on (or above) a schema-sensitive path: the hint, not the name, decides.</summary>
    private static JsonNode? RedactHinted(JsonNode? value, string candidate, List<string> values, RedactionContext context)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                var text = scalar.GetValue<string>();
                if (!SensitivePaths.IsConcreteSecret(text))
                {
                    return text;
                }

                values.Add(text);
                return ConfigRedactor.Sentinel;
            case JsonObject obj when context.HintSensitiveIsTrue(candidate):
                if (SecretRefs.HasShape(obj))
                {
                    // Keep source/provider visible so a write-back can be matched to the original ref.
                    var copy = obj.DeepClone().AsObject();
                    var id = obj["id"]!.GetValue<string>();
                    if (SensitivePaths.IsConcreteSecret(id))
                    {
                        values.Add(id);
                        copy["id"] = ConfigRedactor.Sentinel;
                    }

                    return copy;
                }

                CollectStrings(obj, values);
                return ConfigRedactor.Sentinel;
            case JsonObject or JsonArray:
                return Visit(value, candidate, values, context);
            default:
                // Numbers and booleans under a sensitive hint are hidden too, but are not text to scrub.
                return context.HintSensitiveIsTrue(candidate) ? ConfigRedactor.Sentinel : value.DeepClone();
        }
    }

    /// <summary>Every concrete string inside a hidden object, so raw scrubbing hides them as well.</summary>
    private static void CollectStrings(JsonNode? node, List<string> values)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectStrings(item, values);
                }

                break;
            case JsonObject obj when SecretRefs.HasShape(obj):
                CollectStrings(obj["id"], values);
                break;
            case JsonObject obj:
                foreach (var (_, item) in obj)
                {
                    CollectStrings(item, values);
                }

                break;
            case JsonValue v when SecretRefs.AsString(v) is { } text && SensitivePaths.IsConcreteSecret(text):
                values.Add(text);
                break;
        }
    }
}
