using System.Globalization;
using System.Text;

namespace Pincer.Abstractions.Text;

/// <summary>
/// String operations with JavaScript's exact semantics. Ids and session keys must fold and trim
/// byte-for-byte like the reference, or keys written by one gateway would not be found by the other.
/// </summary>
public static class JsText
{
    /// <summary>JavaScript's <c>String.prototype.trim</c>: its whitespace set differs from .NET's at U+0085 and U+FEFF.</summary>
    public static string Trim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>JavaScript's <c>String.prototype.trimStart</c>.</summary>
    public static string TrimStart(string value)
    {
        var start = 0;
        while (start < value.Length && IsWhiteSpace(value[start]))
        {
            start++;
        }

        return value[start..];
    }

    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\uFEFF' or '\u2028' or '\u2029' => true,
        _ => c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator,
    };

    /// <summary>JavaScript's <c>toLowerCase</c>: full Unicode mapping, including the two context rules that differ from .NET.</summary>
    public static string Lower(string value)
    {
        var ascii = true;
        foreach (var c in value)
        {
            if (c > 127)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return value.ToLowerInvariant();
        }

        var builder = new StringBuilder(value.Length);
        var lowered = value.ToLowerInvariant();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\u0130')
            {
                builder.Append("i\u0307");
            }
            else if (c == '\u03A3')
            {
                builder.Append(IsFinalSigma(value, i) ? '\u03C2' : '\u03C3');
            }
            else
            {
                builder.Append(lowered[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Trim then lower-case; absent becomes empty (the reference's <c>normalizeLowercaseStringOrEmpty</c>).</summary>
    public static string TrimLower(string? value) => value is null ? string.Empty : Lower(Trim(value));

    /// <summary>Trimmed value, or null when absent or blank (the reference's <c>normalizeOptionalString</c>).</summary>
    public static string? TrimToNull(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = Trim(value);
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>JavaScript's <c>String.prototype.slice</c> with clamped bounds.</summary>
    public static string Slice(string value, int start, int? end = null)
    {
        var s = Math.Clamp(start, 0, value.Length);
        var e = Math.Clamp(end ?? value.Length, 0, value.Length);
        return e <= s ? string.Empty : value[s..e];
    }

    /// <summary>ASCII-only case fold of the same length, for emulating JavaScript's non-Unicode <c>/i</c> regexes.</summary>
    public static string FoldAscii(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= 'A' and <= 'Z')
            {
                chars[i] = (char)(chars[i] + 32);
            }
        }

        return new string(chars);
    }

    /// <summary><c>JSON.stringify</c> of a string: escapes only what JavaScript escapes.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    var lone = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
                    if (c < ' ' || lone)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>JavaScript's <c>String(number)</c> for finite doubles.</summary>
    public static string NumberToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : string.Empty;
        // "R" yields the shortest round-trip digits, which JS then lays out by its own exponent rules.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var ePos = shortest.IndexOfAny(['E', 'e']);
        var mantissa = ePos < 0 ? shortest : shortest[..ePos];
        var exp10 = ePos < 0 ? 0 : int.Parse(shortest[(ePos + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var n = intPart.Length + exp10 - leadingZeros; // value = 0.digits × 10^n
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var mant = k == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mant + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return sign + body;
    }

    private static bool IsFinalSigma(string value, int index)
    {
        // Final when a cased letter precedes (skipping case-ignorables) and none follows.
        var before = false;
        for (var j = index - 1; j >= 0; j--)
        {
            if (IsCaseIgnorable(value[j]))
            {
                continue;
            }

            before = char.IsLetter(value[j]) && (char.IsUpper(value[j]) || char.IsLower(value[j]));
            break;
        }

        if (!before)
        {
            return false;
        }

        for (var j = index + 1; j < value.Length; j++)
        {
            if (IsCaseIgnorable(value[j]))
            {
                continue;
            }

            return !(char.IsLetter(value[j]) && (char.IsUpper(value[j]) || char.IsLower(value[j])));
        }

        return true;
    }

    private static bool IsCaseIgnorable(char c) => c is '\'' or '.' or ':' or '^' or '`' or '\u00AD'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
