namespace Pincer.Gateway.Agents;

/// <summary>
/// The assistant text operators see while a reply streams, as the reference projects it: leading whitespace is
/// dropped (except the indentation of a code fence the reply opens with), and trailing whitespace is held back
/// until text follows it — so a chunk that ends in a space shows without it, and a whitespace-only chunk shows
/// nothing new.
/// </summary>
internal static class LiveAssistantText
{
    public static string Project(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var content = raw.AsSpan().TrimEnd();
        if (content.IsEmpty)
        {
            return "";
        }

        var start = LeadingStart(content);
        return start == 0 && content.Length == raw.Length ? raw : content[start..].ToString();
    }

    /// <summary>Where the visible text starts: after leading whitespace, or at the line start of an opening fence.</summary>
    private static int LeadingStart(ReadOnlySpan<char> text)
    {
        var first = text.Length - text.TrimStart().Length;
        if (first == 0)
        {
            return 0;
        }

        var lineStart = text[..first].LastIndexOf('\n') + 1;
        var rest = text[first..];
        var opensFence = rest.StartsWith("```", StringComparison.Ordinal) || rest.StartsWith("~~~", StringComparison.Ordinal);
        return opensFence && IsIndentation(text[lineStart..first]) ? lineStart : first;
    }

    private static bool IsIndentation(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
