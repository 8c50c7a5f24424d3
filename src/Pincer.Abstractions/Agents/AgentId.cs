using Pincer.Abstractions.Text;

namespace Pincer.Abstractions.Agents;

/// <summary>
/// A canonical agent id: lower-case, 1–64 of <c>[a-z0-9_-]</c>, not starting with <c>-</c> or <c>_</c>
/// unless the author wrote it that way. Anything unrepresentable becomes <see cref="DefaultValue"/>.
/// </summary>
public readonly record struct AgentId
{
    /// <summary>The implicit agent of a config without a roster, and the fallback for unusable ids.</summary>
    public const string DefaultValue = "main";

    private const int MaxLength = 64;
    private readonly string? _value;

    private AgentId(string value) => _value = value;

    public static AgentId Default => new(DefaultValue);

    public string Value => _value ?? DefaultValue;

    /// <summary>Normalises any input, falling back to <c>main</c> (the reference's <c>normalizeAgentId</c>).</summary>
    public static AgentId Normalize(string? raw) => TryNormalizeStrict(raw, out var id) ? id : Default;

    /// <summary>Normalised string form of <see cref="Normalize"/>.</summary>
    public static string NormalizeValue(string? raw) => Normalize(raw).Value;

    /// <summary>Normalises without the fallback; false when nothing representable remains ("unrepresentable").</summary>
    public static bool TryNormalizeStrict(string? raw, out AgentId id)
    {
        var canonical = Canonicalize(JsText.Trim(raw ?? string.Empty));
        id = canonical.Length == 0 ? Default : new AgentId(canonical);
        return canonical.Length > 0;
    }

    /// <summary>True when the trimmed input is already a well-formed id (any letter case).</summary>
    public static bool IsValid(string? raw)
    {
        var trimmed = JsText.Trim(raw ?? string.Empty);
        return trimmed.Length > 0 && IsWellFormed(trimmed);
    }

    public override string ToString() => Value;

    /// <summary>
    /// Shared by agent and account ids: a well-formed value is only lower-cased; anything else has each
    /// run of other characters replaced by one dash, edge dashes stripped, and is cut to 64.
    /// </summary>
    internal static string Canonicalize(string trimmed)
    {
        var lowered = JsText.Lower(trimmed);
        if (IsWellFormed(trimmed))
        {
            return lowered;
        }

        var builder = new System.Text.StringBuilder(lowered.Length);
        var inRun = false;
        foreach (var c in lowered)
        {
            if (IsIdChar(c))
            {
                builder.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                builder.Append('-');
                inRun = true;
            }
        }

        var collapsed = builder.ToString().TrimStart('-').TrimEnd('-');
        return collapsed.Length > MaxLength ? collapsed[..MaxLength] : collapsed;
    }

    internal static bool IsWellFormed(string value)
    {
        if (value.Length is 0 or > MaxLength || !IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static bool IsIdChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-';
}
