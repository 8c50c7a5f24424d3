namespace Pincer.Protocol.Validation;

/// <summary>
/// The reference's <c>normalizeTypeBoxValidationErrors</c>: an <c>additionalProperties: false</c>
/// failure arrives as one <c>schema is false</c> error per extra key followed by the aggregate
/// <c>additionalProperties</c> error; when the run of boolean errors right before the aggregate is
/// exactly those keys, the per-key noise is dropped. Boolean errors that are not followed by their
/// aggregate (e.g. because the error cap cut it off) stay and print as <c>schema is false</c>.
/// </summary>
internal static class ErrorNormalizer
{
    public static List<SchemaError> Normalize(List<SchemaError> errors)
    {
        var normalized = new List<SchemaError>(errors.Count);
        var consecutiveBooleans = 0;
        foreach (var error in errors)
        {
            if (error.Keyword == "boolean")
            {
                normalized.Add(error);
                consecutiveBooleans++;
                continue;
            }

            if (error.Keyword == "additionalProperties" && error.PropertyNames is { Count: > 0 } names && names.Count <= consecutiveBooleans)
            {
                var start = normalized.Count - names.Count;
                var matches = true;
                for (var i = 0; i < names.Count; i++)
                {
                    var child = normalized[start + i];
                    if (child.SchemaPath != $"{error.SchemaPath}/additionalProperties" || child.InstancePath != $"{error.InstancePath}/{names[i]}")
                    {
                        matches = false;
                        break;
                    }
                }

                if (matches)
                {
                    normalized.RemoveRange(start, names.Count);
                }
            }

            normalized.Add(error);
            consecutiveBooleans = 0;
        }

        return normalized;
    }
}
