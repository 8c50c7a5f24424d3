namespace Pincer.Cli.Commands.Config;

/// <summary>Detects <c>//</c> and <c>/* */</c> comments in JSON5 text (outside string literals).</summary>
internal static class Json5Comments
{
    public static bool Present(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
            {
                return true;
            }
        }

        return false;
    }
}
