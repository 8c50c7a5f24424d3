namespace Pincer.Protocol.Validation;

/// <summary>
/// Turns validator findings into the compact text the reference puts after
/// <c>invalid … params: </c> (its <c>formatValidationErrors</c>): <c>at /path: message</c>,
/// <c>at root: unexpected property 'x'</c>, <c>must have required property 'x'</c>,
/// unique parts joined with <c>; </c>.
/// </summary>
public static class ValidationMessage
{
    public static string Format(IReadOnlyList<SchemaError>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "unknown validation error";
        }

        var parts = new List<string>(errors.Count);
        foreach (var error in errors)
        {
            var keyword = error.Keyword ?? "";
            var instancePath = error.InstancePath ?? "";
            if (keyword == "additionalProperties")
            {
                var name = FirstName(error);
                if (name is not null)
                {
                    parts.Add($"{(instancePath.Length > 0 ? "at " + instancePath : "at root")}: unexpected property '{name}'");
                    continue;
                }
            }

            if (keyword == "required")
            {
                var name = FirstName(error);
                if (name is not null)
                {
                    parts.Add($"{Where(instancePath)}must have required property '{name}'");
                    continue;
                }
            }

            // The reference rewrites a failed `then` branch into a friendlier sentence; a failed
            // `else` keeps TypeBox's own wording.
            var message = keyword == "then" || (keyword == "if" && error.FailingKeyword == "then")
                ? "must have required conditional properties"
                : error.Message is { } text && !JsText.IsBlank(text) ? text : "validation error";
            parts.Add($"{Where(instancePath)}{message}");
        }

        // Set semantics: first occurrence wins, order preserved.
        var unique = new List<string>(parts.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!JsText.IsBlank(part) && seen.Add(part))
            {
                unique.Add(part);
            }
        }

        return unique.Count > 0 ? string.Join("; ", unique) : "unknown validation error";
    }

    // Mirrors the reference's firstStringParam: a lone string wins when non-blank, otherwise the
    // first non-blank entry of the array param; blank names are skipped, not printed.
    private static string? FirstName(SchemaError error)
    {
        if (error.Property is { } single && !JsText.IsBlank(single))
        {
            return single;
        }

        if (error.PropertyNames is { } names)
        {
            foreach (var name in names)
            {
                if (!JsText.IsBlank(name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string Where(string instancePath) => instancePath.Length > 0 ? $"at {instancePath}: " : "";
}
