using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;

namespace Pincer.Abstractions.Channels;

/// <summary>
/// A canonical channel account id. Same character rules as <see cref="AgentId"/>; absent, blank,
/// unrepresentable or prototype-polluting values (<c>__proto__</c>, <c>prototype</c>, <c>constructor</c>)
/// mean the <see cref="DefaultValue"/> account.
/// </summary>
public static class AccountId
{
    public const string DefaultValue = "default";

    /// <summary>The reference's <c>normalizeAccountId</c>.</summary>
    public static string Normalize(string? raw) => NormalizeOptional(raw) ?? DefaultValue;

    /// <summary>The reference's <c>normalizeOptionalAccountId</c>: null instead of the default.</summary>
    public static string? NormalizeOptional(string? raw)
    {
        var trimmed = JsText.Trim(raw ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return null;
        }

        var canonical = AgentId.Canonicalize(trimmed);
        return canonical.Length == 0 || canonical is "__proto__" or "prototype" or "constructor" ? null : canonical;
    }
}
