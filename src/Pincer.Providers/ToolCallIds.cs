namespace Pincer.Providers;

/// <summary>Tool call ids as the stricter APIs (Anthropic, Gemini) get them from the reference.</summary>
public static class ToolCallIds
{
    /// <summary>
    /// Letters and digits only: the reference replays a call it received as <c>call_ls_1</c> as <c>callls1</c> to
    /// Anthropic and Gemini. Applied to both the call and its result, so the pair still matches.
    /// </summary>
    public static string Strict(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "";
        }

        return string.Create(id.Count(char.IsAsciiLetterOrDigit), id, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    span[i++] = c;
                }
            }
        });
    }
}
