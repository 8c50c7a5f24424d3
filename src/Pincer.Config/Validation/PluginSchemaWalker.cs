using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// Plugin-owned schemas (channel blocks, plugin configs) are checked by a generic JSON Schema
/// validator in the reference, not zod, so their findings read like Ajv's ("must be …") behind an
/// "invalid config: " prefix. <c>$ref</c> resolves against the plugin schema's own <c>$defs</c>.
/// </summary>
internal sealed class PluginSchemaWalker(SchemaWalker regexSource, JsonObject root)
{
    private const string Prefix = "invalid config: ";

    public void Walk(JsonObject schema, JsonNode? value, List<object> path, List<SchemaIssue> sink)
    {
        if (schema["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && Resolve(reference) is { } target)
        {
            Walk(target, value, path, sink);
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.OfType<JsonObject>().Any(o => Passes(o, value)))
        {
            sink.Add(Issue(path, "must match a schema in anyOf"));
            return;
        }

        if (schema["oneOf"] is JsonArray oneOf && oneOf.OfType<JsonObject>().Count(o => Passes(o, value)) != 1)
        {
            sink.Add(Issue(path, "must match exactly one schema in oneOf"));
            return;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf.OfType<JsonObject>())
            {
                Walk(part, value, path, sink);
            }
        }

        if (schema.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(constant, value))
        {
            sink.Add(Issue(path, "must be equal to constant", [constant?.DeepClone()]));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            sink.Add(Issue(path, "must be equal to one of the allowed values", [.. allowed.Select(a => a?.DeepClone())]));
            return;
        }

        var types = schema["type"] switch
        {
            JsonValue t when t.TryGetValue<string>(out var one) => [one],
            JsonArray many => many.Select(t => t?.GetValue<string>() ?? "").ToList(),
            _ => new List<string>(),
        };
        if (types.Count > 0 && !types.Any(t => TypeMatches(t, value)))
        {
            sink.Add(Issue(path, $"must be {string.Join(",", types)}"));
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, sink);
                break;
            case JsonArray arr:
                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < arr.Count; i++)
                    {
                        Walk(items, arr[i], [.. path, i], sink);
                    }
                }

                Limit(schema, "minItems", arr.Count, path, sink, (n) => $"must NOT have fewer than {n} items", below: true);
                Limit(schema, "maxItems", arr.Count, path, sink, (n) => $"must NOT have more than {n} items", below: false);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                Limit(schema, "minLength", s.Length, path, sink, (n) => $"must NOT have fewer than {n} characters", below: true);
                Limit(schema, "maxLength", s.Length, path, sink, (n) => $"must NOT have more than {n} characters", below: false);
                if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && regexSource.RegexFor(pattern) is { } regex && !regex.IsMatch(s))
                {
                    sink.Add(Issue(path, $"must match pattern \"{pattern}\""));
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var d = v.GetValue<double>();
                NumberLimit(schema, "minimum", d, path, sink, ">=", (x, l) => x >= l);
                NumberLimit(schema, "exclusiveMinimum", d, path, sink, ">", (x, l) => x > l);
                NumberLimit(schema, "maximum", d, path, sink, "<=", (x, l) => x <= l);
                NumberLimit(schema, "exclusiveMaximum", d, path, sink, "<", (x, l) => x < l);
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonObject obj, List<object> path, List<SchemaIssue> sink)
    {
        var declared = schema["properties"] as JsonObject;
        foreach (var req in (schema["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()))
        {
            // Plugin schemas are validated after their defaults are filled in, so a defaulted key is never missing.
            var hasDefault = declared?[req ?? ""] is JsonObject propSchema && propSchema.ContainsKey("default");
            if (req is not null && !obj.ContainsKey(req) && !hasDefault)
            {
                sink.Add(Issue([.. path, req], $"must have required property '{req}'"));
            }
        }

        var properties = schema["properties"] as JsonObject;
        var extra = new List<string>();
        foreach (var (key, child) in obj)
        {
            if (properties is not null && properties[key] is JsonObject propSchema)
            {
                Walk(propSchema, child, [.. path, key], sink);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Walk(additional, child, [.. path, key], sink);
            }
            else if (schema["additionalProperties"] is JsonValue closed && closed.GetValueKind() == JsonValueKind.False)
            {
                extra.Add(key);
            }
        }

        if (extra.Count > 0)
        {
            sink.Add(Issue(path, "must not have additional properties: " + string.Join(", ", extra.Select(e => $"\"{e}\""))));
        }
    }

    private bool Passes(JsonObject schema, JsonNode? value)
    {
        var probe = new List<SchemaIssue>();
        Walk(schema, value, [], probe);
        return probe.Count == 0;
    }

    private JsonObject? Resolve(string reference)
    {
        const string local = "#/$defs/";
        if (!reference.StartsWith(local, StringComparison.Ordinal))
        {
            return null;
        }

        return (root["$defs"] as JsonObject)?[reference[local.Length..]] as JsonObject;
    }

    private static bool TypeMatches(string type, JsonNode? value) => type switch
    {
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Math.Floor(v.GetValue<double>()) == v.GetValue<double>(),
        "number" => JsonText.TypeName(value, true) == "number",
        _ => JsonText.TypeName(value, true) == type,
    };

    private static void Limit(JsonObject schema, string keyword, int size, List<object> path, List<SchemaIssue> sink, Func<string, string> message, bool below)
    {
        if (schema[keyword] is JsonValue l && l.TryGetValue<double>(out var limit) && (below ? size < limit : size > limit))
        {
            sink.Add(Issue(path, message(JsonText.Number(limit))));
        }
    }

    private static void NumberLimit(JsonObject schema, string keyword, double value, List<object> path, List<SchemaIssue> sink, string op, Func<double, double, bool> ok)
    {
        if (schema[keyword] is JsonValue l && l.TryGetValue<double>(out var limit) && !ok(value, limit))
        {
            sink.Add(Issue(path, $"must be {op} {JsonText.Number(limit)}"));
        }
    }

    private static SchemaIssue Issue(List<object> path, string message, JsonArray? allowed = null) => new()
    {
        Code = "plugin",
        Path = [.. path],
        Message = Prefix + message,
        IsPlugin = true,
        PluginAllowedValues = allowed,
    };
}
