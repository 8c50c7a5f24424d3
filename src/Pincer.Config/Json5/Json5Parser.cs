using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Config.Json5;

/// <summary>
/// A JSON5 (https://spec.json5.org) reader producing <see cref="JsonNode"/> trees.
/// Accept/reject decisions and error positions follow the npm <c>json5</c> 2.x package that the
/// reference gateway uses, so a config that the reference rejects is rejected here with the
/// same <c>line:column</c>. Numbers: see <see cref="Json5NumberFactory"/>. Object members keep
/// source order (a duplicated key keeps its first position and its last value).
/// </summary>
public sealed class Json5Parser
{
    /// <summary>Deeper nesting is rejected rather than risking the stack; npm json5 has no limit.</summary>
    public const int MaxDepth = 1000;

    private const int EndOfInput = -1;

    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _column;

    private Json5Parser(string text) => _text = text;

    /// <summary>Parses a whole JSON5 document. Returns <c>null</c> for the literal <c>null</c>.</summary>
    /// <exception cref="Json5ParseException">The text is not valid JSON5.</exception>
    public static JsonNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Json5Parser(text).ParseDocument();
    }

    private JsonNode? ParseDocument()
    {
        SkipTrivia();
        var root = ParseValue(0);
        SkipTrivia();
        if (Peek() != EndOfInput)
            throw InvalidChar(Read());
        return root;
    }

    private JsonNode? ParseValue(int depth)
    {
        var c = Peek();
        switch (c)
        {
            case '{':
                Read();
                return ParseObject(depth + 1);
            case '[':
                Read();
                return ParseArray(depth + 1);
            case 'n':
                Read();
                ExpectLiteral("ull");
                return null;
            case 't':
                Read();
                ExpectLiteral("rue");
                return JsonValue.Create(true);
            case 'f':
                Read();
                ExpectLiteral("alse");
                return JsonValue.Create(false);
            case '"' or '\'':
                Read();
                return JsonValue.Create(ParseStringBody(c));
            case '+' or '-' or '.' or 'I' or 'N' or (>= '0' and <= '9'):
                return ParseNumber();
            default:
                throw InvalidChar(Read());
        }
    }

    private JsonObject ParseObject(int depth)
    {
        GuardDepth(depth);
        var result = new JsonObject();
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                Read();
                return result;
            }

            var key = ParsePropertyName();
            SkipTrivia();
            if (Peek() != ':')
                throw InvalidChar(Read());
            Read();
            SkipTrivia();
            result[key] = ParseValue(depth);

            SkipTrivia();
            switch (Peek())
            {
                case ',':
                    Read();
                    continue;
                case '}':
                    Read();
                    return result;
                default:
                    throw InvalidChar(Read());
            }
        }
    }

    private JsonArray ParseArray(int depth)
    {
        GuardDepth(depth);
        var result = new JsonArray();
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                Read();
                return result;
            }

            result.Add(ParseValue(depth));

            SkipTrivia();
            switch (Peek())
            {
                case ',':
                    Read();
                    continue;
                case ']':
                    Read();
                    return result;
                default:
                    throw InvalidChar(Read());
            }
        }
    }

    private void GuardDepth(int depth)
    {
        if (depth > MaxDepth)
            throw new Json5ParseException($"JSON5: nesting deeper than {MaxDepth} at {_line}:{_column}", _line, _column);
    }

    private string ParsePropertyName()
    {
        var c = Peek();
        if (c is '"' or '\'')
        {
            Read();
            return ParseStringBody(c);
        }

        var name = new StringBuilder();
        if (c == '\\')
        {
            Read();
            var escaped = ReadIdentifierEscape();
            if (escaped is not ('$' or '_') && !Json5CharClass.IsIdStart(escaped))
                throw InvalidIdentifier();
            name.Append((char)escaped);
        }
        else if (Json5CharClass.IsIdStart(c))
        {
            AppendCodePoint(name, Read());
        }
        else
        {
            throw InvalidChar(Read());
        }

        while (true)
        {
            c = Peek();
            if (c == '\\')
            {
                Read();
                var escaped = ReadIdentifierEscape();
                if (!Json5CharClass.IsIdContinue(escaped))
                    throw InvalidIdentifier();
                name.Append((char)escaped);
            }
            else if (Json5CharClass.IsIdContinue(c))
            {
                AppendCodePoint(name, Read());
            }
            else
            {
                return name.ToString();
            }
        }
    }

    private int ReadIdentifierEscape()
    {
        if (Peek() != 'u')
            throw InvalidChar(Read());
        Read();
        return ReadHexUnits(4);
    }

    private string ParseStringBody(int quote)
    {
        var value = new StringBuilder();
        while (true)
        {
            var c = Peek();
            switch (c)
            {
                case '\\':
                    Read();
                    AppendEscape(value);
                    break;
                case '\n' or '\r' or EndOfInput:
                    throw InvalidChar(Read());
                default:
                    Read();
                    if (c == quote)
                        return value.ToString();
                    AppendCodePoint(value, c);
                    break;
            }
        }
    }

    private void AppendEscape(StringBuilder value)
    {
        var c = Peek();
        switch (c)
        {
            case 'b': Read(); value.Append('\b'); return;
            case 'f': Read(); value.Append('\f'); return;
            case 'n': Read(); value.Append('\n'); return;
            case 'r': Read(); value.Append('\r'); return;
            case 't': Read(); value.Append('\t'); return;
            case 'v': Read(); value.Append('\v'); return;
            case '0':
                Read();
                // "\0" followed by a digit would be a legacy octal escape, which JSON5 forbids.
                if (Json5CharClass.IsDigit(Peek()))
                    throw InvalidChar(Read());
                value.Append('\0');
                return;
            case 'x':
                Read();
                value.Append((char)ReadHexUnits(2));
                return;
            case 'u':
                Read();
                value.Append((char)ReadHexUnits(4));
                return;
            case '\n' or '\u2028' or '\u2029':
                Read();
                return;
            case '\r':
                Read();
                if (Peek() == '\n')
                    Read();
                return;
            case (>= '1' and <= '9') or EndOfInput:
                throw InvalidChar(Read());
            default:
                AppendCodePoint(value, Read());
                return;
        }
    }

    private int ReadHexUnits(int count)
    {
        var result = 0;
        for (var i = 0; i < count; i++)
        {
            var c = Peek();
            if (!Json5CharClass.IsHexDigit(c))
                throw InvalidChar(Read());
            Read();
            result = (result * 16) + HexValue(c);
        }

        return result;
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    private JsonValue ParseNumber()
    {
        var negative = false;
        var c = Peek();
        if (c is '+' or '-')
        {
            negative = Read() == '-';
            c = Peek();
            if (c is not ('.' or 'I' or 'N' or (>= '0' and <= '9')))
                throw InvalidChar(Read());
        }

        if (c == 'I')
        {
            Read();
            ExpectLiteral("nfinity");
            return Json5NumberFactory.NonFinite(negative ? double.NegativeInfinity : double.PositiveInfinity);
        }

        if (c == 'N')
        {
            Read();
            ExpectLiteral("aN");
            return Json5NumberFactory.NonFinite(double.NaN);
        }

        var integer = "";
        var fraction = "";
        if (c == '.')
        {
            Read();
            if (!Json5CharClass.IsDigit(Peek()))
                throw InvalidChar(Read());
            fraction = ReadDigits();
            return Json5NumberFactory.FromDecimal(negative, integer, fraction, ReadOptionalExponent());
        }

        if (c == '0')
        {
            Read();
            var next = Peek();
            if (next is 'x' or 'X')
            {
                Read();
                if (!Json5CharClass.IsHexDigit(Peek()))
                    throw InvalidChar(Read());
                var hex = new StringBuilder();
                while (Json5CharClass.IsHexDigit(Peek()))
                    hex.Append((char)Read());
                return Json5NumberFactory.FromHex(negative, hex.ToString());
            }

            integer = "0";
        }
        else
        {
            integer = ReadDigits();
        }

        if (Peek() == '.')
        {
            Read();
            fraction = ReadDigits();
        }

        return Json5NumberFactory.FromDecimal(negative, integer, fraction, ReadOptionalExponent());
    }

    private string ReadOptionalExponent()
    {
        if (Peek() is not ('e' or 'E'))
            return "";
        Read();
        var sign = "";
        if (Peek() is '+' or '-')
            sign = ((char)Read()).ToString();
        if (!Json5CharClass.IsDigit(Peek()))
            throw InvalidChar(Read());
        return sign + ReadDigits();
    }

    private string ReadDigits()
    {
        var start = _pos;
        while (Json5CharClass.IsDigit(Peek()))
            Read();
        return _text[start.._pos];
    }

    private void ExpectLiteral(string rest)
    {
        foreach (var expected in rest)
        {
            if (Peek() != expected)
                throw InvalidChar(Read());
            Read();
        }
    }

    private void SkipTrivia()
    {
        while (true)
        {
            var c = Peek();
            if (Json5CharClass.IsWhitespace(c))
            {
                Read();
            }
            else if (c == '/')
            {
                Read();
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        switch (Peek())
        {
            case '/':
                Read();
                while (true)
                {
                    var c = Peek();
                    if (c == EndOfInput)
                        return;
                    Read();
                    if (c is '\n' or '\r' or '\u2028' or '\u2029')
                        return;
                }

            case '*':
                Read();
                while (true)
                {
                    var c = Peek();
                    if (c == EndOfInput)
                        throw InvalidChar(Read());
                    Read();
                    if (c != '*')
                        continue;
                    while (Peek() == '*')
                        Read();
                    if (Peek() == '/')
                    {
                        Read();
                        return;
                    }

                    if (Peek() == EndOfInput)
                        throw InvalidChar(Read());
                    Read();
                }

            default:
                throw InvalidChar(Read());
        }
    }

    private int Peek()
    {
        if (_pos >= _text.Length)
            return EndOfInput;
        var c = _text[_pos];
        if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
            return char.ConvertToUtf32(c, _text[_pos + 1]);
        return c;
    }

    // Position bookkeeping mirrors npm json5: only "\n" starts a line, columns count UTF-16
    // units, and consuming end-of-input still advances the column (errors at EOF report it).
    private int Read()
    {
        var c = Peek();
        if (c == '\n')
        {
            _line++;
            _column = 0;
        }
        else
        {
            _column += c > 0xFFFF ? 2 : 1;
        }

        if (c != EndOfInput)
            _pos += c > 0xFFFF ? 2 : 1;
        return c;
    }

    private Json5ParseException InvalidChar(int c) => c == EndOfInput
        ? new Json5ParseException($"JSON5: invalid end of input at {_line}:{_column}", _line, _column)
        : new Json5ParseException($"JSON5: invalid character '{FormatChar(c)}' at {_line}:{_column}", _line, _column);

    // Points back at the backslash of the offending "\uXXXX" escape.
    private Json5ParseException InvalidIdentifier()
    {
        _column -= 5;
        return new Json5ParseException($"JSON5: invalid identifier character at {_line}:{_column}", _line, _column);
    }

    private static string FormatChar(int c) => c switch
    {
        '\'' => "\\'",
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\v' => "\\v",
        '\0' => "\\0",
        '\u2028' => "\\u2028",
        '\u2029' => "\\u2029",
        < ' ' => "\\x" + c.ToString("x2", CultureInfo.InvariantCulture),
        _ => c > 0xFFFF ? char.ConvertFromUtf32(c) : ((char)c).ToString(),
    };

    private static void AppendCodePoint(StringBuilder builder, int c)
    {
        if (c > 0xFFFF)
            builder.Append(char.ConvertFromUtf32(c));
        else
            builder.Append((char)c);
    }
}
