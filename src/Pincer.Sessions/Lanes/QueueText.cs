using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Lanes;

/// <summary>The two JavaScript string operations queue texts need beyond <see cref="JsText"/>.</summary>
internal static class QueueText
{
    /// <summary><c>text.replace(/\s+/g, " ")</c>.</summary>
    public static string CollapseWhitespace(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        var inRun = false;
        foreach (var c in s)
        {
            if (JsText.IsWhiteSpace(c))
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

    /// <summary><c>String.prototype.trimEnd</c>.</summary>
    public static string TrimEnd(string s)
    {
        var end = s.Length;
        while (end > 0 && JsText.IsWhiteSpace(s[end - 1])) end--;
        return end == s.Length ? s : s[..end];
    }
}
