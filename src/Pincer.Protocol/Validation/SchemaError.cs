namespace Pincer.Protocol.Validation;

/// <summary>
/// One validator finding, shaped like the TypeBox error objects the reference formats:
/// <paramref name="Keyword"/> and <paramref name="InstancePath"/> as TypeBox reports them,
/// <paramref name="Message"/> in TypeBox's en_US wording.
/// </summary>
/// <param name="Property">An AJV-style single property name (<c>params.additionalProperty</c> /
/// <c>params.missingProperty</c>); TypeBox never sets it, but the formatter honours it first like the reference.</param>
public sealed record SchemaError(string Keyword, string InstancePath, string Message, string? Property = null)
{
    /// <summary>TypeBox's schema path (<c>#/properties/client/additionalProperties</c>); the normaliser needs it.</summary>
    public string SchemaPath { get; init; } = "";

    /// <summary>
    /// TypeBox's array params: <c>params.additionalProperties</c> for <c>additionalProperties</c>,
    /// <c>params.requiredProperties</c> for <c>required</c>. The formatter names only the first usable entry.
    /// </summary>
    public IReadOnlyList<string>? PropertyNames { get; init; }

    /// <summary><c>params.failingKeyword</c> of an <c>if</c> error (<c>then</c> or <c>else</c>).</summary>
    public string? FailingKeyword { get; init; }
}
