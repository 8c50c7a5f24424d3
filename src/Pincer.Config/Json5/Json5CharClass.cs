using System.Globalization;

namespace Pincer.Config.Json5;

/// <summary>
/// Character classes of the JSON5 grammar. Unicode categories come from .NET's tables, which
/// may be a newer Unicode version than the one baked into npm json5; only exotic letters differ.
/// </summary>
internal static class Json5CharClass
{
    public static bool IsWhitespace(int c) => c switch
    {
        '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029' => true,
        _ => c >= 0 && CategoryOf(c) == UnicodeCategory.SpaceSeparator,
    };

    public static bool IsDigit(int c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(int c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public static bool IsIdStart(int c)
    {
        if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '$' or '_')
            return true;
        if (c < 0x80)
            return false;
        return CategoryOf(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
    }

    public static bool IsIdContinue(int c)
    {
        if (IsIdStart(c) || IsDigit(c) || c is '\u200C' or '\u200D')
            return true;
        if (c < 0x80)
            return false;
        return CategoryOf(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
    }

    private static UnicodeCategory CategoryOf(int c) =>
        c is >= 0xD800 and <= 0xDFFF ? UnicodeCategory.Surrogate : CharUnicodeInfo.GetUnicodeCategory(c);
}
