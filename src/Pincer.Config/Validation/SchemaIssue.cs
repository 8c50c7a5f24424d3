using System.Text.Json.Nodes;

namespace Pincer.Config.Validation;

/// <summary>
/// A raw finding from the schema walk, shaped like the reference's zod issues so the same
/// post-processing (allowed-value hints, numeric bound hints, binding unions) applies.
/// </summary>
internal sealed class SchemaIssue
{
    public required string Code { get; init; }

    /// <summary>Segments relative to where the walk started: strings for keys, ints for array indexes.</summary>
    public required List<object> Path { get; init; }

    public required string Message { get; init; }

    /// <summary>True for findings that do not stop a union branch from being the "only viable" one.</summary>
    public bool Continue { get; init; }

    /// <summary>Allowed literals of an <c>invalid_value</c>.</summary>
    public JsonArray? Values { get; init; }

    /// <summary>Expected type name of an <c>invalid_type</c>.</summary>
    public string? Expected { get; init; }

    /// <summary><c>number</c>, <c>string</c> or <c>array</c> for size findings.</summary>
    public string? Origin { get; init; }

    public bool Inclusive { get; init; }

    public double? Limit { get; init; }

    /// <summary>Per-branch findings of an <c>invalid_union</c>.</summary>
    public List<List<SchemaIssue>>? Branches { get; init; }

    /// <summary>Already-final text from a plugin-schema check; skips zod-style decoration.</summary>
    public bool IsPlugin { get; init; }

    public JsonArray? PluginAllowedValues { get; init; }

    public SchemaIssue WithPrefix(IReadOnlyList<object> prefix) => new()
    {
        Code = Code,
        Path = [.. prefix, .. Path],
        Message = Message,
        Continue = Continue,
        Values = Values,
        Expected = Expected,
        Origin = Origin,
        Inclusive = Inclusive,
        Limit = Limit,
        Branches = Branches,
        IsPlugin = IsPlugin,
        PluginAllowedValues = PluginAllowedValues,
    };
}
