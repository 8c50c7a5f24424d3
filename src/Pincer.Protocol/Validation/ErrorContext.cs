namespace Pincer.Protocol.Validation;

/// <summary>
/// Collects raw findings like TypeBox's ErrorContext. The cap matters for wire parity: TypeBox stops
/// recording at <see cref="MaxErrors"/> (its <c>maxErrors</c> default, 8) and the count includes the
/// per-key <c>schema is false</c> entries that the reference later strips, so late errors in a busy
/// object silently disappear. Each anyOf/oneOf/allOf branch gets its own context (and its own cap).
/// </summary>
internal sealed class ErrorContext
{
    public const int MaxErrors = 8;

    public List<SchemaError> Errors { get; } = [];

    public bool AtCapacity => Errors.Count >= MaxErrors;

    /// <summary>Records the error unless at capacity; always returns false so callers can <c>||</c> it.</summary>
    public bool Add(SchemaError error)
    {
        if (!AtCapacity)
        {
            Errors.Add(error);
        }

        return false;
    }

    public void AddRange(List<SchemaError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }
}
