using System.Text;

namespace Pincer.Routing.Mentions;

/// <summary>
/// Rewrites a JavaScript (non-Unicode-mode) pattern into .NET syntax with the same meaning for the
/// constructs that differ: <c>\d</c>, <c>\w</c>, <c>\b</c> are ASCII in JavaScript, <c>\s</c> has its own set, <c>.</c> excludes all four
/// line terminators, <c>$</c> is only the end of input. Everything else is passed through.
/// </summary>
internal static class JsRegexTranslator
{
    private const string Word = "a-zA-Z0-9_";

    // JavaScript's \s: its WhiteSpace and LineTerminator sets (U+FEFF in, U+0085 out, unlike .NET's \s).
    private const string Space = @"\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";

    public static string Translate(string source)
    {
        var output = new StringBuilder(source.Length + 16);
        var inClass = false;
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            if (ch == '\\' && i + 1 < source.Length)
            {
                var next = source[++i];
                output.Append(TranslateEscape(next, inClass) ?? $"\\{next}");
                continue;
            }

            if (inClass)
            {
                if (ch == ']')
                {
                    inClass = false;
                }

                // .NET reads "[a-[b]]" as class subtraction; JavaScript has no such thing.
                output.Append(ch == '[' ? "\\[" : ch.ToString());
                continue;
            }

            switch (ch)
            {
                case '[':
                    // JavaScript allows "[]" (matches nothing) and "[^]" (matches anything); .NET rejects both.
                    var negated = i + 1 < source.Length && source[i + 1] == '^';
                    var closeAt = i + (negated ? 2 : 1);
                    if (closeAt < source.Length && source[closeAt] == ']')
                    {
                        output.Append(negated ? @"[\s\S]" : "(?!)");
                        i = closeAt;
                        break;
                    }

                    output.Append(negated ? "[^" : "[");
                    i += negated ? 1 : 0;
                    inClass = true;
                    break;
                case '.':
                    output.Append(@"[^\n\r\u2028\u2029]");
                    break;
                case '$':
                    output.Append(@"\z");
                    break;
                default:
                    output.Append(ch);
                    break;
            }
        }

        return output.ToString();
    }

    private static string? TranslateEscape(char next, bool inClass) => next switch
    {
        'd' => inClass ? "0-9" : "[0-9]",
        'D' => inClass ? null : "[^0-9]",
        'w' => inClass ? Word : $"[{Word}]",
        's' => inClass ? Space : $"[{Space}]",
        'S' => inClass ? null : $"[^{Space}]",
        'W' => inClass ? null : $"[^{Word}]",
        'b' when !inClass => $"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))",
        'B' when !inClass => $"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))",
        _ => null,
    };
}
