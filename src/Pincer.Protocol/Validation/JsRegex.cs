using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pincer.Protocol.Validation;

/// <summary>
/// Compiles schema patterns with the semantics TypeBox gives them (<c>new RegExp(pattern, 'u')</c>).
/// .NET's dialect differs in ways that change verdicts, so the pattern is rewritten first:
/// <c>$</c> only matches at the very end in JS (not before a final <c>\n</c>); <c>\d</c>/<c>\w</c> are
/// ASCII-only; <c>\s</c> is the ECMAScript whitespace set; and in unicode mode <c>.</c>, negated
/// classes and <c>\S</c>/<c>\D</c>/<c>\W</c> consume a whole surrogate pair and never split one.
/// <see cref="RegexOptions.ECMAScript"/> is not used: it gets <c>\s</c> and <c>$</c> wrong and
/// rejects lookbehind, which the rewrite itself needs.
/// </summary>
internal static class JsRegex
{
    private const string JsSpace = @"\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private const string Digit = "0-9";
    private const string Word = "a-zA-Z0-9_";
    private const string Pair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    // A single-unit match must not start on either half of a well-formed pair.
    private const string NotSplit = @"(?![\uD800-\uDBFF][\uDC00-\uDFFF])(?!(?<=[\uD800-\uDBFF])[\uDC00-\uDFFF])";

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, Create);

    private static Regex Create(string pattern)
    {
        const RegexOptions options = RegexOptions.CultureInvariant;
        try
        {
            return new Regex(Translate(pattern), options);
        }
        catch (ArgumentException)
        {
            // Fall back to the closest built-in dialects rather than refusing the schema.
            try
            {
                return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                return new Regex(pattern, options);
            }
        }
    }

    internal static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length * 2);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = TranslateEscape(pattern, i, sb);
                    break;
                case '[':
                    i = TranslateClass(pattern, i, sb);
                    break;
                case '$':
                    sb.Append(@"\z");
                    i++;
                    break;
                case '.':
                    sb.Append("(?:").Append(Pair).Append('|').Append(NotSplit).Append(@"[^\n\r\u2028\u2029])");
                    i++;
                    break;
                default:
                    sb.Append(c);
                    i++;
                    break;
            }
        }

        return sb.ToString();
    }

    private static int TranslateEscape(string p, int i, StringBuilder sb)
    {
        if (i + 1 >= p.Length)
        {
            sb.Append(@"\\");
            return i + 1;
        }

        var e = p[i + 1];
        switch (e)
        {
            case 'd':
                sb.Append('[').Append(Digit).Append(']');
                return i + 2;
            case 'w':
                sb.Append('[').Append(Word).Append(']');
                return i + 2;
            case 's':
                sb.Append('[').Append(JsSpace).Append(']');
                return i + 2;
            case 'D':
                AppendNegated(sb, Digit);
                return i + 2;
            case 'W':
                AppendNegated(sb, Word);
                return i + 2;
            case 'S':
                AppendNegated(sb, JsSpace);
                return i + 2;
            case 'b':
                sb.Append(@"(?:(?<=[a-zA-Z0-9_])(?![a-zA-Z0-9_])|(?<![a-zA-Z0-9_])(?=[a-zA-Z0-9_]))");
                return i + 2;
            case 'B':
                sb.Append(@"(?:(?<=[a-zA-Z0-9_])(?=[a-zA-Z0-9_])|(?<![a-zA-Z0-9_])(?![a-zA-Z0-9_]))");
                return i + 2;
            case 'u' when i + 2 < p.Length && p[i + 2] == '{':
                {
                    var close = p.IndexOf('}', i + 3);
                    var cp = int.Parse(p.AsSpan(i + 3, close - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    sb.Append("(?:").Append(EscapeCodePoint(cp)).Append(')');
                    return close + 1;
                }

            default:
                sb.Append('\\').Append(e);
                return i + 2;
        }
    }

    private static void AppendNegated(StringBuilder sb, string set) =>
        sb.Append("(?:").Append(Pair).Append('|').Append(NotSplit).Append("[^").Append(set).Append("])");

    private static string EscapeCodePoint(int cp)
    {
        if (cp <= 0xFFFF)
        {
            return $"\\u{cp:X4}";
        }

        var s = char.ConvertFromUtf32(cp);
        return $"\\u{(int)s[0]:X4}\\u{(int)s[1]:X4}";
    }

    private static int TranslateClass(string p, int start, StringBuilder sb)
    {
        var i = start + 1;
        var negated = i < p.Length && p[i] == '^';
        if (negated)
        {
            i++;
        }

        var body = new StringBuilder();
        var touchesSurrogates = false;
        while (i < p.Length && p[i] != ']')
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var e = p[i + 1];
                switch (e)
                {
                    case 'd':
                        body.Append(Digit);
                        break;
                    case 'w':
                        body.Append(Word);
                        break;
                    case 's':
                        body.Append(JsSpace);
                        break;
                    case 'S':
                        // .NET's \S differs from JS's only in U+0085 / U+FEFF; add U+0085 back.
                        body.Append(@"\S\u0085");
                        touchesSurrogates = true;
                        break;
                    case 'D':
                        body.Append(@"\D");
                        touchesSurrogates = true;
                        break;
                    case 'W':
                        body.Append(@"\W");
                        touchesSurrogates = true;
                        break;
                    case 'b':
                        body.Append(@"\u0008");
                        break;
                    case 'u' when i + 5 < p.Length && p[i + 2] != '{':
                        {
                            var hex = p.Substring(i + 2, 4);
                            var unit = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                            touchesSurrogates |= unit is >= 0xD800 and <= 0xDFFF;
                            body.Append("\\u").Append(hex);
                            i += 6;
                            continue;
                        }

                    default:
                        body.Append('\\').Append(e);
                        break;
                }

                i += 2;
                continue;
            }

            if (c == '[')
            {
                // A literal '[' inside a JS class; .NET would read "[:" or "-[" specially.
                body.Append(@"\[");
                i++;
                continue;
            }

            touchesSurrogates |= char.IsSurrogate(c);
            body.Append(c);
            i++;
        }

        var inner = body.ToString();
        if (negated && inner.Length == 0)
        {
            // JS `[^]` matches any code point.
            sb.Append("(?:").Append(Pair).Append(@"|[\s\S])");
        }
        else if (negated)
        {
            // In unicode mode a negated class consumes a whole astral code point.
            sb.Append("(?:").Append(Pair).Append('|').Append(NotSplit).Append("[^").Append(inner).Append("])");
        }
        else if (touchesSurrogates)
        {
            sb.Append("(?:").Append(NotSplit).Append('[').Append(inner).Append("])");
        }
        else if (inner.Length == 0)
        {
            sb.Append("(?!)");
        }
        else
        {
            sb.Append('[').Append(inner).Append(']');
        }

        return i + 1;
    }
}
