using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Protocol.Validation;

/// <summary>
/// Re-implements the observable behaviour of TypeBox 1.3's schema engine: a boolean check, and an
/// error walk whose order, paths, params and en_US messages match <c>Compile(schema).Errors(value)</c>.
/// Notable TypeBox traits kept on purpose: keywords are grouped (type, object, array, string, number,
/// then const/enum/if/not/allOf/anyOf/oneOf) and all of them run; a failed anyOf/oneOf reports every
/// branch's errors and then its own error; a failed <c>then</c> reports only the <c>if</c> error;
/// additionalItems stops at its first bad item; errors stop at the context's cap.
/// </summary>
internal static class TypeBoxEngine
{
    // ---------------------------------------------------------------- check

    public static bool Check(SchemaNode s, JsonNode? v)
    {
        if (s.Boolean is { } b)
        {
            return b;
        }

        if (s.Types is not null && !CheckType(s, v))
        {
            return false;
        }

        var kind = JsonValues.Kind(v);
        if (kind == JsonValueKind.Object && s.HasObjectKeywords && !CheckObject(s, (JsonObject)v!))
        {
            return false;
        }

        if (kind == JsonValueKind.Array && s.HasArrayKeywords && !CheckArray(s, (JsonArray)v!))
        {
            return false;
        }

        if (kind == JsonValueKind.String && s.HasStringKeywords)
        {
            var str = JsonValues.String(v!);
            if ((s.MaxLength is { } max && !StringLength.IsMaxLength(str, max))
                || (s.MinLength is { } min && !StringLength.IsMinLength(str, min))
                || (s.Format is { } format && !StringFormats.Test(format, str))
                || (s.PatternRegex is { } regex && !regex.IsMatch(str)))
            {
                return false;
            }
        }

        if (kind == JsonValueKind.Number && s.HasNumberKeywords)
        {
            var n = JsonValues.Number(v!);
            if (double.IsFinite(n) && !CheckNumber(s, n))
            {
                return false;
            }
        }

        if (s.HasConst && !JsonValues.JsEquals(v, s.Const))
        {
            return false;
        }

        if (s.Enum is { } options && !InEnum(options, v))
        {
            return false;
        }

        if (s.HasIf && !(Check(s.If!, v) ? Check(s.Then!, v) : Check(s.Else!, v)))
        {
            return false;
        }

        if (s.Not is { } not && Check(not, v))
        {
            return false;
        }

        if (s.AllOf is { } allOf && !allOf.All(branch => Check(branch, v)))
        {
            return false;
        }

        if (s.AnyOf is { } anyOf && !anyOf.Any(branch => Check(branch, v)))
        {
            return false;
        }

        if (s.OneOf is { } oneOf && oneOf.Count(branch => Check(branch, v)) != 1)
        {
            return false;
        }

        return true;
    }

    private static bool CheckObject(SchemaNode s, JsonObject obj)
    {
        if (s.Required is { } required)
        {
            foreach (var key in required)
            {
                if (!obj.ContainsKey(key))
                {
                    return false;
                }
            }
        }

        var entries = JsonValues.Entries(obj);
        if (s.AdditionalProperties is { } additional)
        {
            foreach (var (key, child) in entries)
            {
                if (!IsKnownKey(s, key) && !Check(additional, child))
                {
                    return false;
                }
            }
        }

        if (s.PatternProperties is { } patterns)
        {
            foreach (var (_, regex, schema) in patterns)
            {
                foreach (var (key, child) in entries)
                {
                    if (regex.IsMatch(key) && !Check(schema, child))
                    {
                        return false;
                    }
                }
            }
        }

        if (s.Properties is { } properties)
        {
            foreach (var (name, schema) in properties)
            {
                if (obj.TryGetPropertyValue(name, out var child) && !Check(schema, child))
                {
                    return false;
                }
            }
        }

        if (s.PropertyNames is { } names)
        {
            foreach (var (key, _) in entries)
            {
                if (!Check(names, JsonValue.Create(key)))
                {
                    return false;
                }
            }
        }

        return (s.MinProperties is not { } minProps || obj.Count >= minProps)
            && (s.MaxProperties is not { } maxProps || obj.Count <= maxProps);
    }

    private static bool CheckArray(SchemaNode s, JsonArray array)
    {
        if (s.AdditionalItems is { } additionalItems && s.TupleItems is { } tupleForAdditional)
        {
            for (var i = tupleForAdditional.Length; i < array.Count; i++)
            {
                if (!Check(additionalItems, array[i]))
                {
                    return false;
                }
            }
        }

        if (s.Contains is { } contains && (array.Count == 0 || !array.Any(item => Check(contains, item))))
        {
            return false;
        }

        if (s.TupleItems is { } tuple)
        {
            for (var i = 0; i < tuple.Length && i < array.Count; i++)
            {
                if (!Check(tuple[i], array[i]))
                {
                    return false;
                }
            }
        }
        else if (s.Items is { } items)
        {
            for (var i = s.PrefixItems?.Length ?? 0; i < array.Count; i++)
            {
                if (!Check(items, array[i]))
                {
                    return false;
                }
            }
        }

        if ((s.MaxItems is { } maxItems && array.Count > maxItems) || (s.MinItems is { } minItems && array.Count < minItems))
        {
            return false;
        }

        if (s.PrefixItems is { } prefix)
        {
            for (var i = 0; i < prefix.Length && i < array.Count; i++)
            {
                if (!Check(prefix[i], array[i]))
                {
                    return false;
                }
            }
        }

        return !s.UniqueItems || FirstDuplicate(array) < 0;
    }

    private static bool CheckNumber(SchemaNode s, double n) =>
        (s.ExclusiveMaximum is not { } exMax || n < exMax)
        && (s.ExclusiveMinimum is not { } exMin || n > exMin)
        && (s.Maximum is not { } max || n <= max)
        && (s.Minimum is not { } min || n >= min)
        && (s.MultipleOf is not { } multipleOf || IsMultipleOf(n, multipleOf));

    private static bool CheckType(SchemaNode s, JsonNode? v)
    {
        foreach (var type in s.Types!)
        {
            if (IsTypeName(type, v))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTypeName(string type, JsonNode? v)
    {
        var kind = JsonValues.Kind(v);
        return type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "boolean" => kind == JsonValueKind.True,
            "integer" => kind == JsonValueKind.Number && JsNumber.IsInteger(JsonValues.Number(v!)),
            "number" => kind == JsonValueKind.Number && double.IsFinite(JsonValues.Number(v!)),
            "null" => kind == JsonValueKind.Null,
            "string" => kind == JsonValueKind.String,
            // TypeBox's JS-only types can never hold for a JSON value.
            "bigint" or "constructor" or "function" or "symbol" or "undefined" or "void" => false,
            // Unknown type names are not constraints in TypeBox.
            _ => true,
        };
    }

    private static bool IsKnownKey(SchemaNode s, string key)
    {
        if (s.PropertyNameSet is { } names && names.Contains(key))
        {
            return true;
        }

        if (s.PatternProperties is { } patterns)
        {
            foreach (var (_, regex, _) in patterns)
            {
                if (regex.IsMatch(key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool InEnum(JsonArray options, JsonNode? v)
    {
        foreach (var option in options)
        {
            if (JsonValues.JsEquals(v, option))
            {
                return true;
            }
        }

        return false;
    }

    // TypeBox's tolerance-based multipleOf (1e-10), with its integer shortcut.
    private static bool IsMultipleOf(double dividend, double divisor)
    {
        if (!double.IsFinite(dividend))
        {
            return true;
        }

        if (JsNumber.IsInteger(dividend) && (1 / divisor % 1) == 0)
        {
            return true;
        }

        var mod = dividend % divisor;
        return Math.Min(Math.Abs(mod), Math.Min(Math.Abs(mod - divisor), Math.Abs(mod + divisor))) < 1e-10;
    }

    private static int FirstDuplicate(JsonArray array)
    {
        for (var i = 1; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonValues.HashEquals(array[i], array[j]))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    // ---------------------------------------------------------------- errors

    public static bool Errors(SchemaNode s, ErrorContext ctx, string schemaPath, string instancePath, JsonNode? v)
    {
        // TypeBox bails out (reporting "invalid") once the context is full.
        if (ctx.AtCapacity)
        {
            return false;
        }

        if (s.Boolean is { } b)
        {
            return b || ctx.Add(new SchemaError("boolean", instancePath, "schema is false") { SchemaPath = schemaPath });
        }

        var ok = true;
        if (s.Types is not null && !CheckType(s, v))
        {
            var message = s.TypeIsArray ? $"must be either {string.Join(" or ", s.Types)}" : $"must be {s.Types[0]}";
            ok = ctx.Add(new SchemaError("type", instancePath, message) { SchemaPath = schemaPath });
        }

        var kind = JsonValues.Kind(v);
        if (kind == JsonValueKind.Object && s.HasObjectKeywords)
        {
            ok &= ObjectErrors(s, ctx, schemaPath, instancePath, (JsonObject)v!);
        }

        if (kind == JsonValueKind.Array && s.HasArrayKeywords)
        {
            ok &= ArrayErrors(s, ctx, schemaPath, instancePath, (JsonArray)v!);
        }

        if (kind == JsonValueKind.String && s.HasStringKeywords)
        {
            var str = JsonValues.String(v!);
            if (s.MaxLength is { } max && !StringLength.IsMaxLength(str, max))
            {
                ok = Limit(ctx, "maxLength", schemaPath, instancePath, $"must not have more than {JsNumber.ToJsString(max)} characters");
            }

            if (s.MinLength is { } min && !StringLength.IsMinLength(str, min))
            {
                ok = Limit(ctx, "minLength", schemaPath, instancePath, $"must not have fewer than {JsNumber.ToJsString(min)} characters");
            }

            if (s.Format is { } format && !StringFormats.Test(format, str))
            {
                ok = Limit(ctx, "format", schemaPath, instancePath, $"must match format \"{format}\"");
            }

            if (s.PatternRegex is { } regex && !regex.IsMatch(str))
            {
                ok = Limit(ctx, "pattern", schemaPath, instancePath, $"must match pattern \"{s.Pattern}\"");
            }
        }

        if (kind == JsonValueKind.Number && s.HasNumberKeywords)
        {
            var n = JsonValues.Number(v!);
            if (double.IsFinite(n))
            {
                if (s.ExclusiveMaximum is { } exMax && !(n < exMax))
                {
                    ok = Limit(ctx, "exclusiveMaximum", schemaPath, instancePath, $"must be < {JsNumber.ToJsString(exMax)}");
                }

                if (s.ExclusiveMinimum is { } exMin && !(n > exMin))
                {
                    ok = Limit(ctx, "exclusiveMinimum", schemaPath, instancePath, $"must be > {JsNumber.ToJsString(exMin)}");
                }

                if (s.Maximum is { } max && !(n <= max))
                {
                    ok = Limit(ctx, "maximum", schemaPath, instancePath, $"must be <= {JsNumber.ToJsString(max)}");
                }

                if (s.Minimum is { } min && !(n >= min))
                {
                    ok = Limit(ctx, "minimum", schemaPath, instancePath, $"must be >= {JsNumber.ToJsString(min)}");
                }

                if (s.MultipleOf is { } multipleOf && !IsMultipleOf(n, multipleOf))
                {
                    ok = Limit(ctx, "multipleOf", schemaPath, instancePath, $"must be multiple of {JsNumber.ToJsString(multipleOf)}");
                }
            }
        }

        if (s.HasConst && !JsonValues.JsEquals(v, s.Const))
        {
            ok = Limit(ctx, "const", schemaPath, instancePath, "must be equal to constant");
        }

        if (s.Enum is { } options && !InEnum(options, v))
        {
            ok = Limit(ctx, "enum", schemaPath, instancePath, "must be equal to one of the allowed values");
        }

        if (s.HasIf)
        {
            ok &= IfErrors(s, ctx, schemaPath, instancePath, v);
        }

        if (s.Not is { } not && Check(not, v))
        {
            ok = Limit(ctx, "not", schemaPath, instancePath, "must not be valid");
        }

        if (s.AllOf is { } allOf)
        {
            ok &= BranchErrors(allOf, "allOf", ctx, schemaPath, instancePath, v, passed => passed == allOf.Length, reportOnZeroOnly: false, ownError: null);
        }

        if (s.AnyOf is { } anyOf)
        {
            ok &= BranchErrors(anyOf, "anyOf", ctx, schemaPath, instancePath, v, passed => passed > 0, reportOnZeroOnly: false, ownError: "must match a schema in anyOf");
        }

        if (s.OneOf is { } oneOf)
        {
            ok &= BranchErrors(oneOf, "oneOf", ctx, schemaPath, instancePath, v, passed => passed == 1, reportOnZeroOnly: true, ownError: "must match exactly one schema in oneOf");
        }

        return ok;
    }

    private static bool Limit(ErrorContext ctx, string keyword, string schemaPath, string instancePath, string message) =>
        ctx.Add(new SchemaError(keyword, instancePath, message) { SchemaPath = schemaPath });

    private static bool ObjectErrors(SchemaNode s, ErrorContext ctx, string schemaPath, string instancePath, JsonObject obj)
    {
        var ok = true;
        var entries = JsonValues.Entries(obj);
        if (s.Required is { } required)
        {
            var missing = required.Where(key => !obj.ContainsKey(key)).ToArray();
            if (missing.Length > 0)
            {
                ok = ctx.Add(new SchemaError("required", instancePath, $"must have required properties {string.Join(", ", missing)}")
                {
                    SchemaPath = schemaPath,
                    PropertyNames = missing,
                });
            }
        }

        if (s.AdditionalProperties is { } additional)
        {
            var extra = new List<string>();
            foreach (var (key, child) in entries)
            {
                if (!IsKnownKey(s, key) && !Errors(additional, ctx, $"{schemaPath}/additionalProperties", $"{instancePath}/{key}", child))
                {
                    extra.Add(key);
                }
            }

            if (extra.Count > 0)
            {
                ok = ctx.Add(new SchemaError("additionalProperties", instancePath, "must not have additional properties")
                {
                    SchemaPath = schemaPath,
                    PropertyNames = extra,
                });
            }
        }

        if (s.PatternProperties is { } patterns)
        {
            foreach (var (pattern, regex, schema) in patterns)
            {
                foreach (var (key, child) in entries)
                {
                    if (regex.IsMatch(key))
                    {
                        ok &= Errors(schema, ctx, $"{schemaPath}/patternProperties/{pattern}", $"{instancePath}/{key}", child);
                    }
                }
            }
        }

        if (s.Properties is { } properties)
        {
            foreach (var (name, schema) in properties)
            {
                if (obj.TryGetPropertyValue(name, out var child))
                {
                    ok &= Errors(schema, ctx, $"{schemaPath}/properties/{name}", $"{instancePath}/{name}", child);
                }
            }
        }

        if (s.PropertyNames is { } names)
        {
            var bad = new List<string>();
            foreach (var (key, _) in entries)
            {
                if (!Errors(names, ctx, $"{schemaPath}/propertyNames", $"{instancePath}/{key}", JsonValue.Create(key)))
                {
                    bad.Add(key);
                }
            }

            if (bad.Count > 0)
            {
                ok = ctx.Add(new SchemaError("propertyNames", instancePath, $"property names {string.Join(", ", bad)} are invalid")
                {
                    SchemaPath = schemaPath,
                });
            }
        }

        if (s.MinProperties is { } minProps && !(obj.Count >= minProps))
        {
            ok = Limit(ctx, "minProperties", schemaPath, instancePath, $"must not have fewer than {JsNumber.ToJsString(minProps)} properties");
        }

        if (s.MaxProperties is { } maxProps && !(obj.Count <= maxProps))
        {
            ok = Limit(ctx, "maxProperties", schemaPath, instancePath, $"must not have more than {JsNumber.ToJsString(maxProps)} properties");
        }

        return ok;
    }

    private static bool ArrayErrors(SchemaNode s, ErrorContext ctx, string schemaPath, string instancePath, JsonArray array)
    {
        var ok = true;
        if (s.AdditionalItems is { } additionalItems && s.TupleItems is { } tupleForAdditional)
        {
            // TypeBox uses a short-circuiting Every here: only the first bad extra item is reported.
            for (var i = tupleForAdditional.Length; i < array.Count; i++)
            {
                if (!Errors(additionalItems, ctx, $"{schemaPath}/additionalItems", $"{instancePath}/{i}", array[i]))
                {
                    ok = false;
                    break;
                }
            }
        }

        if (s.Contains is { } contains && (array.Count == 0 || !array.Any(item => Check(contains, item))))
        {
            ok = Limit(ctx, "contains", schemaPath, instancePath, "must contain at least 1 valid item");
        }

        if (s.TupleItems is { } tuple)
        {
            for (var i = 0; i < tuple.Length && i < array.Count; i++)
            {
                ok &= Errors(tuple[i], ctx, $"{schemaPath}/items/{i}", $"{instancePath}/{i}", array[i]);
            }
        }
        else if (s.Items is { } items)
        {
            for (var i = s.PrefixItems?.Length ?? 0; i < array.Count; i++)
            {
                ok &= Errors(items, ctx, $"{schemaPath}/items", $"{instancePath}/{i}", array[i]);
            }
        }

        if (s.MaxItems is { } maxItems && !(array.Count <= maxItems))
        {
            ok = Limit(ctx, "maxItems", schemaPath, instancePath, $"must not have more than {JsNumber.ToJsString(maxItems)} items");
        }

        if (s.MinItems is { } minItems && !(array.Count >= minItems))
        {
            ok = Limit(ctx, "minItems", schemaPath, instancePath, $"must not have fewer than {JsNumber.ToJsString(minItems)} items");
        }

        if (s.PrefixItems is { } prefix && array.Count > 0)
        {
            for (var i = 0; i < prefix.Length && i < array.Count; i++)
            {
                ok &= Errors(prefix[i], ctx, $"{schemaPath}/prefixItems/{i}", $"{instancePath}/{i}", array[i]);
            }
        }

        if (s.UniqueItems && FirstDuplicate(array) >= 0)
        {
            ok = Limit(ctx, "uniqueItems", schemaPath, instancePath, "must not have duplicate items");
        }

        return ok;
    }

    private static bool IfErrors(SchemaNode s, ErrorContext ctx, string schemaPath, string instancePath, JsonNode? v)
    {
        // The if-branch and then-branch record into a scratch context that is thrown away: a failed
        // `then` surfaces only as one `if` error (failingKeyword "then"). `else` records directly.
        var scratch = new ErrorContext();
        if (Errors(s.If!, scratch, $"{schemaPath}/if", instancePath, v))
        {
            return Errors(s.Then!, scratch, $"{schemaPath}/then", instancePath, v)
                || ctx.Add(new SchemaError("if", instancePath, "must match \"then\" schema") { SchemaPath = schemaPath, FailingKeyword = "then" });
        }

        return Errors(s.Else!, ctx, $"{schemaPath}/else", instancePath, v)
            || ctx.Add(new SchemaError("if", instancePath, "must match \"else\" schema") { SchemaPath = schemaPath, FailingKeyword = "else" });
    }

    private static bool BranchErrors(
        SchemaNode[] branches,
        string keyword,
        ErrorContext ctx,
        string schemaPath,
        string instancePath,
        JsonNode? v,
        Func<int, bool> accept,
        bool reportOnZeroOnly,
        string? ownError)
    {
        var failed = new List<ErrorContext>();
        var passed = 0;
        for (var i = 0; i < branches.Length; i++)
        {
            var branchContext = new ErrorContext();
            if (Errors(branches[i], branchContext, $"{schemaPath}/{keyword}/{i}", instancePath, v))
            {
                passed++;
            }
            else
            {
                failed.Add(branchContext);
            }
        }

        if (accept(passed))
        {
            return true;
        }

        // oneOf only explains its branches when none matched (too many matches has nothing to explain).
        if (!reportOnZeroOnly || passed == 0)
        {
            foreach (var branch in failed)
            {
                ctx.AddRange(branch.Errors);
            }
        }

        if (ownError is not null)
        {
            ctx.Add(new SchemaError(keyword, instancePath, ownError) { SchemaPath = schemaPath });
        }

        return false;
    }
}
