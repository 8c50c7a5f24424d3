namespace Pincer.Protocol.Validation;

/// <summary>JavaScript string semantics the reference relies on (its <c>trim()</c> whitespace set).</summary>
internal static class JsText
{
    /// <summary>
    /// The ECMAScript WhiteSpace + LineTerminator set. It differs from <see cref="char.IsWhiteSpace(char)"/>:
    /// JS includes U+FEFF and excludes U+0085.
    /// </summary>
    public static bool IsJsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>True when <c>value.trim()</c> would be empty in JavaScript.</summary>
    public static bool IsBlank(string value)
    {
        foreach (var c in value)
        {
            if (!IsJsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
