using System.Globalization;
using System.Text;
using Pincer.Abstractions.Text;

namespace Pincer.Routing.Mentions;

/// <summary>
/// Mention patterns derived from an agent's <c>identity.name</c> and <c>identity.emoji</c> when no patterns
/// are configured. Produces the reference's exact JavaScript (Unicode-mode) pattern sources: the name's
/// letter runs must appear whole, separators may vary in spacing, decorations (emoji, symbols) around
/// or inside the name may be dropped, and an <c>@</c> prefix is always accepted.
/// </summary>
internal static class DerivedMentionPatterns
{
    private const string IdentityChars = @"\p{L}\p{N}\p{Pc}";
    private const string TokenChars = IdentityChars + @"\p{M}";
    private const string JoinerChars = @"\u200C\u200D";
    private const string DecorationSpacing = "[" + JoinerChars + @"\s]*";
    private const string OptionalJoinerGap = "[" + JoinerChars + "]*";
    private const string UnicodeWordChar = "[" + TokenChars + JoinerChars + "]";

    public static List<string> Derive(string? name, string? emoji)
    {
        var patterns = new List<string>();
        if (JsText.TrimToNull(name) is { } trimmedName)
        {
            var parts = DeriveNameParts(trimmedName);
            if (parts.Core.Length > 0)
            {
                patterns.Add(Wrap(parts));
            }
        }

        if (JsText.TrimToNull(emoji) is { } trimmedEmoji && EscapeJoinerTolerant(trimmedEmoji) is { Length: > 0 } emojiPattern)
        {
            patterns.Add(emojiPattern);
        }

        return patterns;
    }

    private static string Wrap(NameParts parts)
    {
        var leading = parts.Leading.Length > 0 ? $"(?:{parts.Leading}{DecorationSpacing}|)" : string.Empty;
        var trailing = parts.Trailing.Length > 0
            ? $"(?:{DecorationSpacing}{parts.Trailing}(?!{UnicodeWordChar})|(?!{UnicodeWordChar})(?!{DecorationSpacing}{parts.Trailing}{UnicodeWordChar}))"
            : $"(?!{UnicodeWordChar})";
        return $"(?:@|(?<!{UnicodeWordChar}{leading})){leading}{parts.Core}{trailing}";
    }

    private static NameParts DeriveNameParts(string name)
    {
        var units = ParseNameUnits(name);
        if (!units.Any(u => u.Kind == UnitKind.Token))
        {
            return new NameParts(string.Empty, EscapeJoinerTolerant(name), string.Empty);
        }

        var start = units[0].Kind == UnitKind.Decoration ? 1 : 0;
        var end = units[^1].Kind == UnitKind.Decoration ? units.Count - 1 : units.Count;
        var core = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            var unit = units[i];
            core.Append(unit.Kind switch
            {
                UnitKind.Token => EscapeJoinerTolerant(unit.Literal),
                UnitKind.Separator => EncodeSeparator(unit.Literal),
                _ => EncodeInteriorDecoration(unit),
            });
        }

        return new NameParts(EncodeEdgeDecoration(units[0]), core.ToString(), EncodeEdgeDecoration(units[^1]));
    }

    private static List<Unit> ParseNameUnits(string name)
    {
        var runs = new List<(bool Identity, StringBuilder Literal)>();
        foreach (var grapheme in Graphemes(name))
        {
            var identity = IsIdentityGrapheme(grapheme);
            if (runs.Count > 0 && runs[^1].Identity == identity)
            {
                runs[^1].Literal.Append(grapheme);
            }
            else
            {
                runs.Add((identity, new StringBuilder(grapheme)));
            }
        }

        var units = new List<Unit>();
        foreach (var (identity, builder) in runs)
        {
            var literal = builder.ToString();
            if (identity)
            {
                units.Add(new Unit(UnitKind.Token, literal, [], false));
                continue;
            }

            var gap = Graphemes(literal);
            if (!gap.All(IsDecorationGrapheme))
            {
                units.Add(new Unit(UnitKind.Separator, literal, [], false));
                continue;
            }

            var spellings = gap.Where(g => !IsAllWhiteSpace(g) && !IsJoinerOnly(g)).Select(EscapeJoinerTolerant).ToList();
            units.Add(new Unit(UnitKind.Decoration, literal, spellings, Runes(literal).Any(IsJsWhiteSpace)));
        }

        return units;
    }

    private static string EncodeSeparator(string literal)
    {
        var output = new StringBuilder();
        foreach (var (piece, kind) in SplitRuns(literal, splitWhiteSpace: true))
        {
            output.Append(kind switch
            {
                PieceKind.WhiteSpace => @"\s+",
                PieceKind.Joiners => EncodeOptionalJoiners(piece),
                _ => EscapeRegExp(piece),
            });
        }

        return output.ToString();
    }

    private static string EncodeEdgeDecoration(Unit unit)
    {
        if (unit.Kind != UnitKind.Decoration)
        {
            return string.Empty;
        }

        var spelled = string.Join(OptionalJoinerGap, unit.Spellings);
        return spelled.Length > 0 ? spelled : EncodeOptionalJoiners(JoinersOf(unit.Literal));
    }

    private static string EncodeInteriorDecoration(Unit unit)
    {
        var spelled = string.Join(DecorationSpacing, unit.Spellings);
        if (spelled.Length == 0)
        {
            var joiners = EncodeOptionalJoiners(JoinersOf(unit.Literal));
            return unit.Spaced ? $@"{joiners}\s{DecorationSpacing}" : joiners;
        }

        return $@"(?:{DecorationSpacing}{spelled}{DecorationSpacing}|\s{(unit.Spaced ? "+" : "*")})";
    }

    private static string EscapeJoinerTolerant(string literal) => Runes(literal).All(IsJoiner) ? string.Empty : EncodeOptionalJoiners(literal);

    private static string EncodeOptionalJoiners(string literal)
    {
        var output = new StringBuilder();
        foreach (var (piece, kind) in SplitRuns(literal, splitWhiteSpace: false))
        {
            output.Append(kind == PieceKind.Joiners ? $"(?:{EscapeRegExp(piece)}|)" : EscapeRegExp(piece));
        }

        return output.ToString();
    }

    /// <summary>Splits into maximal runs of joiners (and, when asked, of whitespace) and everything else.</summary>
    private static List<(string Piece, PieceKind Kind)> SplitRuns(string literal, bool splitWhiteSpace)
    {
        var pieces = new List<(string, PieceKind)>();
        var current = new StringBuilder();
        var currentKind = PieceKind.Text;
        foreach (var rune in Runes(literal))
        {
            var kind = IsJoiner(rune) ? PieceKind.Joiners : splitWhiteSpace && IsJsWhiteSpace(rune) ? PieceKind.WhiteSpace : PieceKind.Text;
            if (current.Length > 0 && kind != currentKind)
            {
                pieces.Add((current.ToString(), currentKind));
                current.Clear();
            }

            currentKind = kind;
            current.Append(rune.ToString());
        }

        if (current.Length > 0)
        {
            pieces.Add((current.ToString(), currentKind));
        }

        return pieces;
    }

    private static string EscapeRegExp(string value)
    {
        var output = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '.' or '*' or '+' or '?' or '^' or '$' or '{' or '}' or '(' or ')' or '|' or '[' or ']' or '\\')
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static string JoinersOf(string literal) => string.Concat(Runes(literal).Where(IsJoiner).Select(r => r.ToString()));

    private static bool IsIdentityGrapheme(string grapheme)
        => Runes(grapheme).Any(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.ConnectorPunctuation)
            && !IsEmojiPresentationGrapheme(grapheme);

    private static bool IsDecorationGrapheme(string grapheme)
        => IsEmojiPresentationGrapheme(grapheme) || Runes(grapheme).All(r => IsJsWhiteSpace(r) || IsJoiner(r) || IsOmissibleDecoration(r));

    private static bool IsEmojiPresentationGrapheme(string grapheme)
    {
        var runes = Runes(grapheme).ToList();
        return runes.Count > 0 && IsEmojiCapable(runes[0]) && runes.Any(r => r.Value is 0xFE0F or 0x20E3);
    }

    /// <summary>
    /// Approximates Unicode's Emoji property for a grapheme's first code point (only consulted when the grapheme
    /// also carries VS16 or a keycap mark): keycap bases, ©, ®, and symbols and punctuation from U+203C up.
    /// </summary>
    private static bool IsEmojiCapable(Rune rune)
        => rune.Value is '#' or '*' or (>= '0' and <= '9') or 0xA9 or 0xAE
            || (rune.Value >= 0x203C && Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.DashPunctuation);

    private static bool IsOmissibleDecoration(Rune rune)
        => Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            || rune.Value is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E)
                or (>= 0x2060 and <= 0x206F) or (>= 0xE0020 and <= 0xE007F);

    private static bool IsJoiner(Rune rune) => rune.Value is 0x200C or 0x200D;

    private static bool IsJoinerOnly(string value) => value.Length > 0 && Runes(value).All(IsJoiner);

    private static bool IsAllWhiteSpace(string value) => value.Length > 0 && Runes(value).All(IsJsWhiteSpace);

    private static bool IsJsWhiteSpace(Rune rune) => rune.IsBmp && JsText.IsWhiteSpace((char)rune.Value);

    private static IEnumerable<Rune> Runes(string value) => value.EnumerateRunes();

    private static List<string> Graphemes(string value)
    {
        var graphemes = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(value);
        while (enumerator.MoveNext())
        {
            graphemes.Add(enumerator.GetTextElement());
        }

        return graphemes;
    }

    private enum UnitKind
    {
        Token,
        Separator,
        Decoration,
    }

    private enum PieceKind
    {
        Text,
        Joiners,
        WhiteSpace,
    }

    private sealed record Unit(UnitKind Kind, string Literal, IReadOnlyList<string> Spellings, bool Spaced);

    private sealed record NameParts(string Leading, string Core, string Trailing);
}
