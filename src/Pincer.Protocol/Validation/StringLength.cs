namespace Pincer.Protocol.Validation;

/// <summary>
/// TypeBox 1.x measures minLength/maxLength in its own approximate grapheme clusters, not UTF-16
/// units or code points: a surrogate pair, a base char followed by combining marks / variation
/// selectors, ZWJ-joined sequences and regional-indicator pairs each count once. Plain text (no
/// char at or above U+0300 that is a high surrogate, combining mark, variation selector or ZWJ)
/// takes the UTF-16 length fast path, exactly as TypeBox does.
/// </summary>
internal static class StringLength
{
    public static bool IsMinLength(string value, double minLength)
    {
        if (minLength <= 0)
        {
            return true;
        }

        if (value.Length < minLength)
        {
            return false;
        }

        for (var index = 0; index < minLength; index++)
        {
            if (IsClusterStarter(value[index]))
            {
                return GraphemeCount(value, minLength) >= minLength;
            }
        }

        return true;
    }

    public static bool IsMaxLength(string value, double maxLength)
    {
        if (value.Length <= maxLength)
        {
            return true;
        }

        for (var index = 0; index <= maxLength && index < value.Length; index++)
        {
            if (IsClusterStarter(value[index]))
            {
                return GraphemeCount(value, maxLength + 1) <= maxLength;
            }
        }

        return false;
    }

    /// <summary>Counts clusters, stopping early once <paramref name="stopAt"/> is reached.</summary>
    private static double GraphemeCount(string value, double stopAt)
    {
        var count = 0;
        var index = 0;
        while (index < value.Length)
        {
            index = NextClusterIndex(value, index);
            if (++count >= stopAt)
            {
                return count;
            }
        }

        return count;
    }

    private static bool IsClusterStarter(char c) =>
        c >= 0x0300 && (char.IsHighSurrogate(c) || IsCombiningMark(c) || IsVariationSelector(c) || c == 0x200D);

    private static bool IsCombiningMark(int cp) =>
        cp is (>= 0x0300 and <= 0x036F) or (>= 0x1AB0 and <= 0x1AFF) or (>= 0x1DC0 and <= 0x1DFF) or (>= 0xFE20 and <= 0xFE2F);

    private static bool IsVariationSelector(int cp) => cp is >= 0xFE00 and <= 0xFE0F;

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    private static int Width(int cp) => cp > 0xFFFF ? 2 : 1;

    // JS String.prototype.codePointAt: a well-formed pair yields the astral code point, anything else the unit.
    private static int CodePointAt(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
        {
            return char.ConvertToUtf32(c, value[index + 1]);
        }

        return c;
    }

    private static int ConsumeModifiers(string value, int index)
    {
        while (index < value.Length)
        {
            var cp = CodePointAt(value, index);
            if (!IsCombiningMark(cp) && !IsVariationSelector(cp))
            {
                break;
            }

            index += Width(cp);
        }

        return index;
    }

    private static int NextClusterIndex(string value, int start)
    {
        var startCp = CodePointAt(value, start);
        var end = ConsumeModifiers(value, start + Width(startCp));
        while (end < value.Length - 1 && CodePointAt(value, end) == 0x200D)
        {
            end += 1 + Width(CodePointAt(value, end + 1));
            end = ConsumeModifiers(value, end);
        }

        if (IsRegionalIndicator(startCp) && end < value.Length && IsRegionalIndicator(CodePointAt(value, end)))
        {
            end += Width(CodePointAt(value, end));
        }

        return end;
    }
}
