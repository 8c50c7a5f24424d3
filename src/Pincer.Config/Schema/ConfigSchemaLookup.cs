using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Config.Reload;

namespace Pincer.Config.Schema;

/// <summary>
/// <c>config.schema.lookup</c>: one schema node (shallow, for forms) plus a summary of its children.
/// </summary>
public static partial class ConfigSchemaLookup
{
    /// <summary>Error message (code <c>INVALID_REQUEST</c>) when the path resolves to nothing.</summary>
    public const string NotFoundMessage = "config schema path not found";

    private const int MaxSegments = 32;
    private const int NestedFormDepth = 4;

    private static readonly string[] CompositionKeys = ["anyOf", "oneOf", "allOf"];
    private static readonly HashSet<string> ForbiddenSegments = ["__proto__", "prototype", "constructor"];
    private static readonly HashSet<string> StringKeys = ["$id", "$schema", "title", "description", "format", "pattern", "contentEncoding", "contentMediaType"];
    private static readonly HashSet<string> NumberKeys = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
    private static readonly HashSet<string> BooleanKeys = ["additionalProperties", "uniqueItems", "deprecated", "readOnly", "writeOnly"];

    private static readonly Lazy<UiHintMatcher> Hints = new(() => new UiHintMatcher(ConfigSchemaDocument.Instance.UiHints.DeepClone().AsObject()));

    /// <summary>
    /// Checks the <c>path</c> param the way the RPC's params schema does; returns the
    /// <c>INVALID_REQUEST</c> message, or null when the param is acceptable.
    /// </summary>
    public static string? ValidateParams(string? path)
    {
        if (path is null)
        {
            return "invalid config.schema.lookup params: must have required property 'path'";
        }

        var errors = new List<string>();
        if (path.Length < 1)
        {
            errors.Add("at /path: must not have fewer than 1 characters");
        }

        if (!ParamPattern().IsMatch(path))
        {
            errors.Add("at /path: must match pattern \"^[A-Za-z0-9_./\\[\\]\\-*]+$\"");
        }

        return errors.Count == 0 ? null : "invalid config.schema.lookup params: " + string.Join("; ", errors);
    }

    /// <summary>
    /// The lookup payload <c>{path, schema, reloadKind?, hint?, hintPath?, children[]}</c>, or null
    /// when the path does not exist (answer <see cref="NotFoundMessage"/>). <c>"."</c> is the root.
    /// </summary>
    public static JsonNode? Lookup(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var wantsRoot = path.Trim() == ".";
        var normalized = LookupPath.Normalize(path);
        if (normalized.Length == 0 && !wantsRoot)
        {
            return null;
        }

        var parts = LookupPath.Split(normalized);
        if ((!wantsRoot && parts.Length == 0) || parts.Length > MaxSegments)
        {
            return null;
        }

        JsonObject current = ConfigSchemaDocument.Instance.Schema;
        foreach (var segment in parts)
        {
            var next = ResolveChild(current, segment);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        var result = new JsonObject
        {
            ["path"] = wantsRoot ? "." : normalized,
            ["schema"] = StripForLookup(current, 0),
        };
        AddReloadAndHint(result, normalized, parts);
        result["children"] = BuildChildren(current, wantsRoot ? "" : normalized);
        return result;
    }

    internal static JsonObject? ResolveChild(JsonObject schema, string segment)
    {
        if (ForbiddenSegments.Contains(segment))
        {
            return null;
        }

        if (schema["properties"] is JsonObject props && props.TryGetPropertyValue(segment, out var prop))
        {
            return prop as JsonObject;
        }

        var index = LookupPath.ParseIndex(segment);
        var items = ItemsSchema(schema, index);
        if ((segment == "*" || index is not null) && items is not null)
        {
            return items;
        }

        foreach (var key in CompositionKeys)
        {
            if (schema[key] is not JsonArray variants)
            {
                continue;
            }

            foreach (var variant in variants)
            {
                if (variant is JsonObject v && ResolveChild(v, segment) is { } resolved)
                {
                    return resolved;
                }
            }
        }

        return schema["additionalProperties"] as JsonObject;
    }

    internal static bool HasChildren(JsonObject schema)
    {
        if (schema["properties"] is JsonObject props && props.Count > 0)
        {
            return true;
        }

        if (schema["additionalProperties"] is JsonObject)
        {
            return true;
        }

        if (schema["items"] is JsonArray tuple)
        {
            return tuple.Any(e => e is JsonObject);
        }

        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[key] is JsonArray branches && branches.Any(b => b is JsonObject o && HasChildren(o)))
            {
                return true;
            }
        }

        return schema["items"] is JsonObject;
    }

    private static JsonObject? ItemsSchema(JsonObject schema, int? index)
    {
        if (schema["items"] is JsonArray tuple)
        {
            var entry = index is null ? tuple.FirstOrDefault(e => e is JsonObject) : index.Value < tuple.Count ? tuple[index.Value] : null;
            return entry as JsonObject;
        }

        return schema["items"] as JsonObject;
    }

    private static void AddReloadAndHint(JsonObject target, string path, string[] parts)
    {
        target["reloadKind"] = ReloadClassifier.KindOf(path).ToWire();
        if (Hints.Value.Match(parts) is { } hint)
        {
            target["hint"] = hint.Hint.DeepClone();
            target["hintPath"] = hint.Path;
        }
    }

    private static JsonArray BuildChildren(JsonObject schema, string path)
    {
        var children = new JsonArray();
        var required = new HashSet<string>((schema["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? ""));
        void Push(string key, JsonObject child, bool isRequired)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var entry = new JsonObject { ["key"] = key, ["path"] = childPath };
            if (child["type"] is { } type)
            {
                entry["type"] = type.DeepClone();
            }

            entry["required"] = isRequired;
            entry["hasChildren"] = HasChildren(child);
            AddReloadAndHint(entry, childPath, LookupPath.Split(childPath));
            children.Add((JsonNode)entry);
        }

        if (schema["properties"] is JsonObject props)
        {
            foreach (var (key, child) in props)
            {
                if (child is JsonObject c)
                {
                    Push(key, c, required.Contains(key));
                }
            }
        }

        var wildcard = schema["additionalProperties"] as JsonObject ?? ItemsSchema(schema, null);
        if (wildcard is not null)
        {
            Push("*", wildcard, false);
        }

        return children;
    }

    private static JsonObject StripForLookup(JsonObject schema, int depth)
    {
        var next = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (value is not JsonValue v)
            {
                if (key == "type" && value is JsonArray types && types.All(t => t is JsonValue tv && tv.TryGetValue<string>(out _)))
                {
                    next[key] = types.DeepClone();
                }
                else if (key == "enum" && value is JsonArray values && values.All(e => e is null or JsonValue))
                {
                    next[key] = values.DeepClone();
                }

                continue;
            }

            var kind = v.GetValueKind();
            if ((StringKeys.Contains(key) || key == "type") && kind == System.Text.Json.JsonValueKind.String)
            {
                next[key] = v.DeepClone();
            }
            else if (NumberKeys.Contains(key) && kind == System.Text.Json.JsonValueKind.Number)
            {
                next[key] = v.DeepClone();
            }
            else if (BooleanKeys.Contains(key) && kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                next[key] = v.DeepClone();
            }
            else if (key == "const")
            {
                next[key] = v.DeepClone();
            }
        }

        if (schema.ContainsKey("const") && schema["const"] is null)
        {
            next["const"] = null;
        }

        var additional = schema["additionalProperties"] as JsonObject;
        if (schema["properties"] is JsonObject props && ((depth > 0 && depth <= NestedFormDepth) || additional is not null))
        {
            var stripped = new JsonObject();
            foreach (var (key, child) in props)
            {
                stripped[key] = child is JsonObject c ? StripForLookup(c, depth + 1) : new JsonObject();
            }

            next["properties"] = stripped;
        }

        if (additional is not null)
        {
            next["additionalProperties"] = StripForLookup(additional, depth + 1);
        }

        if (schema["items"] is JsonArray tuple)
        {
            next["items"] = new JsonArray([.. tuple.Select(i => (JsonNode?)(i is JsonObject o ? StripForLookup(o, depth + 1) : new JsonObject()))]);
        }
        else if (schema["items"] is JsonObject item)
        {
            next["items"] = StripForLookup(item, depth + 1);
        }

        if (depth <= NestedFormDepth)
        {
            foreach (var key in CompositionKeys)
            {
                if (schema[key] is JsonArray variants)
                {
                    next[key] = new JsonArray([.. variants.OfType<JsonObject>().Select(o => (JsonNode?)StripForLookup(o, depth + 1))]);
                }
            }
        }

        return next;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./\[\]\-*]+$")]
    private static partial Regex ParamPattern();
}
