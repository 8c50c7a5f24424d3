using System.Text;


namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Parses <c>a.b[0]["odd.key"]</c> paths with the reference's rules: backslash escapes the next
/// character, brackets hold an index or a quoted key, empty segments and prototype keys are
/// rejected. Failures throw <see cref="ConfigCommandException"/> with the reference's message.
/// </summary>
internal static class ConfigPathParser
{
    public const int MaxArrayIndex = 100_000;

    private static readonly HashSet<string> BlockedKeys = new(StringComparer.Ordinal) { "__proto__", "prototype", "constructor" };

    public static ConfigPath Parse(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            throw new ConfigCommandException("Path is empty.");
        }

        var parts = new List<string>();
        var brackets = new HashSet<int>();
        var quotedNumeric = new HashSet<int>();
        var current = new StringBuilder();
        var emitted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    throw new ConfigCommandException($"Invalid path (trailing escape): {raw}");
                }

                current.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == '.')
            {
                RejectBlank(current, raw);
                if (!emitted && current.ToString().Trim().Length == 0)
                {
                    throw new ConfigCommandException($"Invalid path (empty segment): {raw}");
                }

                Flush(current, parts);
                emitted = false;
                i++;
                continue;
            }

            if (c == '[')
            {
                RejectBlank(current, raw);
                if (current.ToString().Trim().Length == 0 && !emitted && parts.Count > 0)
                {
                    throw new ConfigCommandException($"Invalid path (empty segment): {raw}");
                }

                Flush(current, parts);
                var close = FindClose(text, i);
                if (close < 0)
                {
                    throw new ConfigCommandException($"Invalid path (missing \"]\"): {raw}");
                }

                var inside = text[(i + 1)..close].Trim();
                if (inside.Length == 0)
                {
                    throw new ConfigCommandException($"Invalid path (empty \"[]\"): {raw}");
                }

                if (inside[0] is '"' or '\'')
                {
                    var key = ParseQuoted(inside, raw);
                    if (ArrayIndex(key) is not null)
                    {
                        quotedNumeric.Add(parts.Count);
                    }

                    parts.Add(key);
                }
                else
                {
                    if (ArrayIndex(inside) is not null)
                    {
                        brackets.Add(parts.Count);
                    }

                    parts.Add(inside);
                }

                if (close + 1 < text.Length && text[close + 1] is not ('.' or '['))
                {
                    throw new ConfigCommandException($"Invalid path (missing separator after bracket): {raw}");
                }

                emitted = true;
                i = close + 1;
                continue;
            }

            current.Append(c);
            i++;
        }

        if (!emitted && current.ToString().Trim().Length == 0)
        {
            throw new ConfigCommandException($"Invalid path (empty segment): {raw}");
        }

        Flush(current, parts);
        foreach (var part in parts)
        {
            if (BlockedKeys.Contains(part))
            {
                throw new ConfigCommandException($"Invalid path segment: {part}");
            }
        }

        return new ConfigPath(parts, brackets, quotedNumeric);
    }

    /// <summary>A canonical non-negative index (<c>0</c>, <c>12</c>; not <c>01</c>) up to 100000, else null.</summary>
    public static int? ArrayIndex(string segment)
    {
        if (segment.Length == 0 || segment.Length > 6 || (segment.Length > 1 && segment[0] == '0') || !segment.All(char.IsAsciiDigit))
        {
            return null;
        }

        var value = int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
        return value <= MaxArrayIndex ? value : null;
    }

    /// <summary>The path as the reference echoes it in messages: dots, <c>[n]</c> for array positions, JSON-quoted odd keys.</summary>
    public static string Format(ConfigPath path)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            if (path.BracketIndexes.Contains(i))
            {
                sb.Append('[').Append(segment).Append(']');
            }
            else if (!IsIdentifier(segment))
            {
                sb.Append('[').Append(CliJsonText.Quote(segment)).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(segment);
            }
        }

        return sb.ToString();
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] is '_' or '$') && s.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or ':' or '-');

    private static void RejectBlank(StringBuilder current, string raw)
    {
        if (current.Length > 0 && current.ToString().Trim().Length == 0)
        {
            throw new ConfigCommandException($"Invalid path (empty segment): {raw}");
        }
    }

    private static void Flush(StringBuilder current, List<string> parts)
    {
        if (current.Length > 0)
        {
            parts.Add(current.ToString().Trim());
        }

        current.Clear();
    }

    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < text.Length; i++)
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

            if (c == ']')
            {
                return i;
            }

            if (c is '"' or '\'' && text[(open + 1)..i].Trim().Length == 0)
            {
                quote = c;
            }
        }

        return -1;
    }

    private static string ParseQuoted(string inside, string raw)
    {
        var quote = inside[0];
        var fail = new ConfigCommandException($"Invalid path bracket string ({inside}): {raw}");
        if (inside.Length < 2 || inside[^1] != quote)
        {
            throw fail;
        }

        var sb = new StringBuilder();
        for (var i = 1; i < inside.Length - 1; i++)
        {
            var c = inside[i];
            if (c == quote)
            {
                throw fail;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= inside.Length - 1)
            {
                throw fail;
            }

            var e = inside[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case 'u' when i + 4 < inside.Length - 1 + 1 && int.TryParse(inside.AsSpan(i + 1, Math.Min(4, inside.Length - 1 - (i + 1))), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                case 'x' when i + 2 < inside.Length - 1 && int.TryParse(inside.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var hex):
                    sb.Append((char)hex);
                    i += 2;
                    break;
                default: sb.Append(e); break;
            }
        }

        var key = sb.ToString();
        return key.Trim().Length == 0 ? throw fail : key;
    }
}
