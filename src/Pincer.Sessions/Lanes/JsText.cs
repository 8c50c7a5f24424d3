namespace Pincer.Sessions.Lanes;

/// <summary>
/// Whitespace as ECMAScript's <c>\s</c> and <c>String.prototype.trim</c> define it (which differs from
/// <see cref="char.IsWhiteSpace(char)"/> at U+0085 and U+FEFF), so queue texts trim exactly as the reference's do.
/// </summary>
internal static class JsText
{
    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    public static string Trim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsWhiteSpace(s[start])) start++;
        while (end > start && IsWhiteSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static string TrimEnd(string s)
    {
        var end = s.Length;
        while (end > 0 && IsWhiteSpace(s[end - 1])) end--;
        return end == s.Length ? s : s[..end];
    }

    public static string CollapseWhitespace(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        var inRun = false;
        foreach (var c in s)
        {
            if (IsWhiteSpace(c))
            {
                if (!inRun) sb.Append(' ');
                inRun = true;
            }
            else
            {
                sb.Append(c);
                inRun = false;
            }
        }
        return sb.ToString();
    }
}
