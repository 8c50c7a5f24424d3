using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Config.Validation;

/// <summary>
/// Checks a value against the embedded JSON Schema with the semantics of the zod schema it was
/// generated from: closed objects report unknown keys once per object after the known keys, a
/// union reports the single viable branch's findings or an <c>invalid_union</c>, size/format
/// checks run only when the type matched. Nodes carrying their own <c>$schema</c> are plugin
/// schemas and are handed to <see cref="PluginSchemaWalker"/>, whose findings come last.
/// </summary>
internal sealed class SchemaWalker
{
    private readonly Dictionary<string, Regex?> _regexes = [];
    private readonly List<(List<object> Prefix, JsonObject Schema, JsonNode? Value)> _pluginScopes = [];

    public IReadOnlyList<(List<object> Prefix, JsonObject Schema, JsonNode? Value)> PluginScopes => _pluginScopes;

    public List<SchemaIssue> Check(JsonObject schema, JsonNode? value, bool present, List<object> path)
    {
        var issues = new List<SchemaIssue>();
        Walk(schema, value, present, path, issues, isRoot: true);
        return issues;
    }

    internal Regex? RegexFor(string pattern)
    {
        if (!_regexes.TryGetValue(pattern, out var regex))
        {
            try
            {
                regex = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                try
                {
                    regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException)
                {
                    regex = null;
                }
            }

            _regexes[pattern] = regex;
        }

        return regex;
    }

    private void Walk(JsonObject schema, JsonNode? value, bool present, List<object> path, List<SchemaIssue> sink, bool isRoot = false)
    {
        if (!isRoot && schema.ContainsKey("$schema"))
        {
            if (present)
            {
                _pluginScopes.Add(([.. path], schema, value));
            }

            return;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            Union(anyOf, value, present, path, sink);
            return;
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            if (DiscriminatorOf(oneOf) is { } discriminator)
            {
                Discriminated(oneOf, discriminator, value, present, path, sink);
            }
            else
            {
                Union(oneOf, value, present, path, sink);
            }

            return;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf.OfType<JsonObject>())
            {
                Walk(part, value, present, path, sink);
            }

            return;
        }

        if (schema.TryGetPropertyValue("const", out var constant))
        {
            if (!present || !JsonNode.DeepEquals(constant, value))
            {
                sink.Add(InvalidValue(path, [constant?.DeepClone()]));
            }

            return;
        }

        if (schema["enum"] is JsonArray allowed)
        {
            if (!present || !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            {
                sink.Add(InvalidValue(path, [.. allowed.Select(a => a?.DeepClone())]));
            }

            return;
        }

        switch (schema["type"])
        {
            case JsonValue single when single.TryGetValue<string>(out var type):
                CheckType(type, schema, value, present, path, sink);
                break;
            case JsonArray many:
                var types = many.Select(t => t?.GetValue<string>() ?? "").ToList();
                if (present && value is null && types.Contains("null"))
                {
                    return;
                }

                types.Remove("null");
                if (types.Count == 1)
                {
                    CheckType(types[0], schema, value, present, path, sink);
                    return;
                }

                if (types.Any(t => Matches(t, value, present)))
                {
                    CheckType(types.First(t => Matches(t, value, present)), schema, value, present, path, sink);
                    return;
                }

                sink.Add(new SchemaIssue
                {
                    Code = "invalid_union",
                    Path = [.. path],
                    Message = "Invalid input",
                    Branches = [.. types.Select(t => new List<SchemaIssue> { InvalidType([], t, value, present) })],
                });
                break;
            default:
                // No type: zod unknown/any, anything goes (including a missing value).
                break;
        }
    }

    private static bool Matches(string type, JsonNode? value, bool present) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => JsonText.TypeName(value, present) == "string",
        "number" or "integer" => JsonText.TypeName(value, present) == "number",
        "boolean" => JsonText.TypeName(value, present) == "boolean",
        "null" => present && value is null,
        _ => false,
    };

    private void CheckType(string type, JsonObject schema, JsonNode? value, bool present, List<object> path, List<SchemaIssue> sink)
    {
        if (!Matches(type, value, present))
        {
            sink.Add(InvalidType(path, type == "integer" ? "number" : type, value, present));
            return;
        }

        switch (type)
        {
            case "object":
                CheckObject(schema, (JsonObject)value!, path, sink);
                break;
            case "array":
                CheckArray(schema, (JsonArray)value!, path, sink);
                break;
            case "string":
                CheckString(schema, value!.GetValue<string>(), path, sink);
                break;
            case "number":
            case "integer":
                CheckNumber(schema, type == "integer", value!.GetValue<double>(), path, sink);
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonObject value, List<object> path, List<SchemaIssue> sink)
    {
        var properties = schema["properties"] as JsonObject;
        var required = new HashSet<string>((schema["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>() ?? ""));
        if (properties is not null)
        {
            foreach (var (key, child) in properties)
            {
                if (child is not JsonObject childSchema)
                {
                    continue;
                }

                var has = value.TryGetPropertyValue(key, out var childValue);
                if (!has && (!required.Contains(key) || childSchema.ContainsKey("default")))
                {
                    continue;
                }

                Walk(childSchema, childValue, has, [.. path, key], sink);
            }
        }

        var extra = value.Where(kv => properties is null || !properties.ContainsKey(kv.Key)).ToList();
        if (path.Count == 0)
        {
            // The root may name its own schema; nothing else outside the schema is allowed there.
            extra.RemoveAll(kv => kv.Key == "$schema");
        }

        switch (schema["additionalProperties"])
        {
            case JsonValue closed when closed.GetValueKind() == JsonValueKind.False:
                if (extra.Count > 0)
                {
                    sink.Add(new SchemaIssue
                    {
                        Code = "unrecognized_keys",
                        Path = [.. path],
                        Message = (extra.Count > 1 ? "Unrecognized keys: " : "Unrecognized key: ") + string.Join(", ", extra.Select(kv => JsonText.Literal(kv.Key))),
                        Continue = true,
                    });
                }

                break;
            case JsonObject record:
                var keySchema = schema["propertyNames"] as JsonObject;
                foreach (var (key, child) in extra)
                {
                    if (keySchema is not null && !KeyAllowed(keySchema, key))
                    {
                        sink.Add(new SchemaIssue { Code = "invalid_key", Path = [.. path, key], Message = "Invalid key in record" });
                        continue;
                    }

                    Walk(record, child, true, [.. path, key], sink);
                }

                break;
        }
    }

    private bool KeyAllowed(JsonObject keySchema, string key)
    {
        var probe = new List<SchemaIssue>();
        Walk(keySchema, JsonValue.Create(key), true, [], probe);
        return probe.Count == 0;
    }

    private void CheckArray(JsonObject schema, JsonArray value, List<object> path, List<SchemaIssue> sink)
    {
        var before = sink.Count;
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < value.Count; i++)
            {
                Walk(items, value[i], true, [.. path, i], sink);
            }
        }

        if (sink.Skip(before).Any(i => !i.Continue))
        {
            return;
        }

        SizeCheck(schema, "minItems", "maxItems", "array", value.Count, path, sink);
    }

    private void CheckString(JsonObject schema, string value, List<object> path, List<SchemaIssue> sink)
    {
        // JavaScript measures strings in UTF-16 code units, as .NET does.
        SizeCheck(schema, "minLength", "maxLength", "string", value.Length, path, sink);
        if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && RegexFor(pattern) is { } regex && !regex.IsMatch(value))
        {
            sink.Add(new SchemaIssue { Code = "invalid_format", Path = [.. path], Message = $"Invalid string: must match pattern /{pattern}/", Continue = true });
        }

        if (schema["format"] is JsonValue f && f.TryGetValue<string>(out var format) && !FormatOk(format, value))
        {
            var name = format switch
            {
                "uri" => "URL",
                "email" => "email address",
                "date-time" => "ISO datetime",
                _ => format,
            };
            sink.Add(new SchemaIssue { Code = "invalid_format", Path = [.. path], Message = $"Invalid {name}", Continue = true });
        }
    }

    private static bool FormatOk(string format, string value) => format switch
    {
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "email" => value.IndexOf('@', StringComparison.Ordinal) is > 0 && value.IndexOf('@', StringComparison.Ordinal) < value.Length - 1,
        "date-time" => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _),
        _ => true,
    };

    private static void CheckNumber(JsonObject schema, bool integer, double value, List<object> path, List<SchemaIssue> sink)
    {
        if (integer && Math.Floor(value) != value)
        {
            sink.Add(new SchemaIssue { Code = "invalid_type", Path = [.. path], Message = "Invalid input: expected int, received number", Expected = "int", Continue = true });
        }

        Bound(schema, "minimum", value, path, sink, small: true, inclusive: true);
        Bound(schema, "exclusiveMinimum", value, path, sink, small: true, inclusive: false);
        Bound(schema, "maximum", value, path, sink, small: false, inclusive: true);
        Bound(schema, "exclusiveMaximum", value, path, sink, small: false, inclusive: false);
    }

    private static void Bound(JsonObject schema, string keyword, double value, List<object> path, List<SchemaIssue> sink, bool small, bool inclusive)
    {
        if (schema[keyword] is not JsonValue b || !b.TryGetValue<double>(out var limit))
        {
            return;
        }

        var ok = small ? (inclusive ? value >= limit : value > limit) : (inclusive ? value <= limit : value < limit);
        if (ok)
        {
            return;
        }

        var op = small ? (inclusive ? ">=" : ">") : (inclusive ? "<=" : "<");
        sink.Add(new SchemaIssue
        {
            Code = small ? "too_small" : "too_big",
            Path = [.. path],
            Message = $"{(small ? "Too small" : "Too big")}: expected number to be {op}{JsonText.Number(limit)}",
            Origin = "number",
            Inclusive = inclusive,
            Limit = limit,
            Continue = true,
        });
    }

    private static void SizeCheck(JsonObject schema, string minKey, string maxKey, string origin, int size, List<object> path, List<SchemaIssue> sink)
    {
        var unit = origin == "array" ? "items" : "characters";
        if (schema[minKey] is JsonValue min && min.TryGetValue<double>(out var lo) && size < lo)
        {
            sink.Add(new SchemaIssue { Code = "too_small", Path = [.. path], Message = $"Too small: expected {origin} to have >={JsonText.Number(lo)} {unit}", Origin = origin, Inclusive = true, Limit = lo, Continue = true });
        }

        if (schema[maxKey] is JsonValue max && max.TryGetValue<double>(out var hi) && size > hi)
        {
            sink.Add(new SchemaIssue { Code = "too_big", Path = [.. path], Message = $"Too big: expected {origin} to have <={JsonText.Number(hi)} {unit}", Origin = origin, Inclusive = true, Limit = hi, Continue = true });
        }
    }

    private void Union(JsonArray options, JsonNode? value, bool present, List<object> path, List<SchemaIssue> sink)
    {
        var branches = new List<List<SchemaIssue>>();
        foreach (var option in options.OfType<JsonObject>())
        {
            var branch = new List<SchemaIssue>();
            var scopes = _pluginScopes.Count;
            Walk(option, value, present, [], branch);
            if (branch.Count == 0)
            {
                for (var i = scopes; i < _pluginScopes.Count; i++)
                {
                    var (prefix, scopeSchema, scopeValue) = _pluginScopes[i];
                    _pluginScopes[i] = ([.. path, .. prefix], scopeSchema, scopeValue);
                }

                return;
            }

            // A rejected branch must not leave plugin checks behind.
            _pluginScopes.RemoveRange(scopes, _pluginScopes.Count - scopes);
            branches.Add(branch);
        }

        if (branches.Count == 0)
        {
            return;
        }

        var viable = branches.Where(b => b.All(i => i.Continue)).ToList();
        if (viable.Count == 1)
        {
            sink.AddRange(viable[0].Select(i => i.WithPrefix(path)));
            return;
        }

        sink.Add(new SchemaIssue { Code = "invalid_union", Path = [.. path], Message = "Invalid input", Branches = branches });
    }

    private static string? DiscriminatorOf(JsonArray options)
    {
        var objects = options.OfType<JsonObject>().ToList();
        if (objects.Count < 2 || objects.Count != options.Count)
        {
            return null;
        }

        if (objects[0]["properties"] is not JsonObject first)
        {
            return null;
        }

        foreach (var (key, _) in first)
        {
            if (objects.All(o => o["properties"] is JsonObject p && p[key] is JsonObject s && (s.ContainsKey("const") || s["enum"] is JsonArray)))
            {
                return key;
            }
        }

        return null;
    }

    private void Discriminated(JsonArray options, string discriminator, JsonNode? value, bool present, List<object> path, List<SchemaIssue> sink)
    {
        if (value is not JsonObject obj)
        {
            sink.Add(InvalidType(path, "object", value, present));
            return;
        }

        var has = obj.TryGetPropertyValue(discriminator, out var tag);
        foreach (var option in options.OfType<JsonObject>())
        {
            var tagSchema = (JsonObject)option["properties"]![discriminator]!;
            var matches = tagSchema.TryGetPropertyValue("const", out var c)
                ? has && JsonNode.DeepEquals(c, tag)
                : has && tagSchema["enum"] is JsonArray e && e.Any(x => JsonNode.DeepEquals(x, tag));
            if (matches)
            {
                Walk(option, value, present, path, sink);
                return;
            }
        }

        sink.Add(new SchemaIssue { Code = "invalid_union", Path = [.. path, discriminator], Message = "Invalid input", Branches = [] });
    }

    private static SchemaIssue InvalidType(List<object> path, string expected, JsonNode? value, bool present) => new()
    {
        Code = "invalid_type",
        Path = [.. path],
        Expected = expected,
        Message = $"Invalid input: expected {expected}, received {JsonText.TypeName(value, present)}",
    };

    private static SchemaIssue InvalidValue(List<object> path, JsonArray values) => new()
    {
        Code = "invalid_value",
        Path = [.. path],
        Values = values,
        Message = values.Count == 1
            ? $"Invalid input: expected {JsonText.Literal(values[0])}"
            : $"Invalid option: expected one of {string.Join("|", values.Select(JsonText.Literal))}",
    };
}
