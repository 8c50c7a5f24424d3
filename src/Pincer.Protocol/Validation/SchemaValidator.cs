using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Pincer.Protocol.Validation;

/// <summary>
/// Validates JSON against one of the reference's protocol schemas with TypeBox 1.3 semantics, so
/// <see cref="ValidationMessage.Format"/> of <see cref="Validate"/> reproduces the reference's
/// <c>invalid … params: …</c> text byte for byte. Instances are immutable and thread-safe.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<SchemaValidator>> Cache = new(StringComparer.Ordinal);

    private readonly SchemaNode _root;

    private SchemaValidator(string name, SchemaNode root)
    {
        Name = name;
        _root = root;
    }

    /// <summary>The schema name, e.g. <c>ConnectParamsSchema</c>.</summary>
    public string Name { get; }

    /// <summary>The validator for a named schema, compiled on first use and cached.</summary>
    /// <exception cref="KeyNotFoundException">No schema has that name.</exception>
    public static SchemaValidator ForSchema(string schemaName)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        return TryGetValidator(schemaName, out var validator)
            ? validator
            : throw new KeyNotFoundException($"Unknown protocol schema '{schemaName}'.");
    }

    /// <summary>Like <see cref="ForSchema"/> but reports an unknown name instead of throwing.</summary>
    public static bool TryGetValidator(string schemaName, [NotNullWhen(true)] out SchemaValidator? validator)
    {
        validator = null;
        if (schemaName is null || !SchemaCatalog.All.ContainsKey(schemaName))
        {
            return false;
        }

        validator = Cache.GetOrAdd(
            schemaName,
            static name => new Lazy<SchemaValidator>(
                () => new SchemaValidator(name, SchemaNode.Compile(SchemaCatalog.All[name])),
                LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return true;
    }

    /// <summary>
    /// A validator for an ad-hoc JSON Schema (e.g. a plugin-supplied one) with the same TypeBox
    /// semantics; not cached, so keep the instance if it is reused.
    /// </summary>
    public static SchemaValidator FromSchema(JsonNode? schema, string name = "inline")
    {
        ArgumentNullException.ThrowIfNull(name);
        return new SchemaValidator(name, SchemaNode.Compile(schema));
    }

    /// <summary>A copy of the named raw JSON Schema (callers may mutate it freely).</summary>
    public static bool TryGetSchema(string schemaName, [NotNullWhen(true)] out JsonNode? schema)
    {
        schema = null;
        if (schemaName is null || !SchemaCatalog.All.TryGetPropertyValue(schemaName, out var node) || node is null)
        {
            return false;
        }

        schema = node.DeepClone();
        return true;
    }

    /// <summary>All schema names in the catalogue.</summary>
    public static IEnumerable<string> SchemaNames => SchemaCatalog.All.Select(entry => entry.Key);

    /// <summary>TypeBox's <c>Check</c>: true when the value conforms. <c>null</c> is JSON null.</summary>
    public bool IsValid(JsonNode? value) => TypeBoxEngine.Check(_root, value);

    /// <summary>
    /// The findings the reference would format: TypeBox's <c>Errors</c> (capped at 8 raw entries),
    /// then the reference's normalisation. Empty when the value is valid.
    /// </summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? value)
    {
        if (TypeBoxEngine.Check(_root, value))
        {
            return [];
        }

        var context = new ErrorContext();
        TypeBoxEngine.Errors(_root, context, "#", "", value);
        return ErrorNormalizer.Normalize(context.Errors);
    }

    /// <summary>Validates and, on failure, yields the reference's message text (without the <c>invalid … params: </c> prefix).</summary>
    public bool TryValidate(JsonNode? value, [NotNullWhen(false)] out string? message)
    {
        if (TypeBoxEngine.Check(_root, value))
        {
            message = null;
            return true;
        }

        message = ValidationMessage.Format(Validate(value));
        return false;
    }
}
