using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Config.Secrets;

/// <summary>
/// A credential field that holds either a literal string or a SecretRef. Besides the canonical
/// <c>{source, provider, id}</c> object this accepts, like the reference, a ref without
/// <c>provider</c> (the source's default alias is used) and a whole-string <c>${NAME}</c> / <c>$NAME</c>
/// env shorthand (left over when env substitution found no value).
/// </summary>
public static partial class SecretInputs
{
    [GeneratedRegex("^\\$\\{([A-Z][A-Z0-9_]{0,127})\\}$|^\\$([A-Z][A-Z0-9_]{0,127})$")]
    private static partial Regex EnvShorthand();

    /// <summary>The SecretRef a value denotes, or null for a literal (or absent) value.</summary>
    public static SecretRef? Coerce(JsonNode? value, JsonObject config)
    {
        if (SecretRef.TryRead(value) is { } canonical)
            return canonical;
        if (value is JsonObject obj && obj["provider"] is null && !obj.ContainsKey("provider")
            && Str(obj["source"]) is "env" or "file" or "exec" or "store" && Str(obj["id"]) is { } id && id.Trim().Length > 0)
        {
            var source = Str(obj["source"])!;
            return new SecretRef(source, SecretResolver.DefaultAlias(config, source), id);
        }

        if (Str(value) is { } text && EnvShorthand().Match(text.Trim()) is { Success: true } m)
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            return new SecretRef("env", SecretResolver.DefaultAlias(config, "env"), name);
        }

        return null;
    }

    /// <summary>Whether the field holds a non-blank literal or a ref.</summary>
    public static bool IsConfigured(JsonNode? value, JsonObject config) =>
        Coerce(value, config) is not null || Str(value) is { } s && s.Trim().Length > 0;

    /// <summary>
    /// Resolves the field: a literal string is returned trimmed (null if blank or absent); a ref is
    /// resolved and must yield a non-empty string, else <c>Error</c> carries the reason at <paramref name="path"/>.
    /// </summary>
    public static (string? Value, ConfigIssue? Error) Resolve(JsonNode? value, JsonObject config, IReadOnlyDictionary<string, string> env, string path = "")
    {
        if (Coerce(value, config) is { } secretRef)
        {
            try
            {
                return (new SecretResolver(config, env).ResolveString(secretRef), null);
            }
            catch (SecretResolutionException ex)
            {
                return (null, new ConfigIssue(path, ex.Message));
            }
        }

        if (value is null)
            return (null, null);
        if (Str(value) is { } literal)
            return (literal.Trim().Length == 0 ? null : literal.Trim(), null);
        return (null, new ConfigIssue(path, "Expected a string or a SecretRef object ({ source, provider, id })."));
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
