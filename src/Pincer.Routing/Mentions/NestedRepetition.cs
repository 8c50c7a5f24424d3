namespace Pincer.Routing.Mentions;

/// <summary>
/// The reference's guard against catastrophic backtracking in user-authored patterns: a quantifier applied
/// to something that already repeats (<c>(a+)+</c>), or an unbounded quantifier over alternatives of
/// different lengths (<c>(a|aa)*</c>), rejects the pattern.
/// </summary>
internal static class NestedRepetition
{
    public static bool IsPresent(string source) => Analyze(Tokenize(source));

    private static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var inCharClass = false;
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            if (inCharClass)
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == ']')
                {
                    inCharClass = false;
                }

                continue;
            }

            switch (ch)
            {
                case '\\':
                    i++;
                    tokens.Add(Token.Simple);
                    continue;
                case '[':
                    inCharClass = true;
                    tokens.Add(Token.Simple);
                    continue;
                case '(':
                    tokens.Add(Token.GroupOpen);
                    continue;
                case ')':
                    tokens.Add(Token.GroupClose);
                    continue;
                case '|':
                    tokens.Add(Token.Alternation);
                    continue;
            }

            if (ReadQuantifier(source, i) is { } quantifier)
            {
                tokens.Add(new Token(TokenKind.Quantifier, quantifier));
                i += quantifier.Consumed - 1;
                continue;
            }

            tokens.Add(Token.Simple);
        }

        return tokens;
    }

    private static Quantifier? ReadQuantifier(string source, int index)
    {
        var ch = source[index];
        var consumed = index + 1 < source.Length && source[index + 1] == '?' ? 2 : 1;
        switch (ch)
        {
            case '*': return new Quantifier(consumed, 0, null);
            case '+': return new Quantifier(consumed, 1, null);
            case '?': return new Quantifier(consumed, 0, 1);
            case not '{': return null;
        }

        var i = index + 1;
        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i == index + 1)
        {
            return null;
        }

        var min = double.Parse(source[(index + 1)..i], System.Globalization.CultureInfo.InvariantCulture);
        double? max = min;
        if (i < source.Length && source[i] == ',')
        {
            i++;
            var maxStart = i;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }

            max = i == maxStart ? null : double.Parse(source[maxStart..i], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (i >= source.Length || source[i] != '}')
        {
            return null;
        }

        i++;
        if (i < source.Length && source[i] == '?')
        {
            i++;
        }

        return max is { } m && m < min ? null : new Quantifier(i - index, min, max);
    }

    private static bool Analyze(List<Token> tokens)
    {
        var frames = new Stack<Frame>();
        frames.Push(new Frame());

        void Emit(Piece piece)
        {
            var frame = frames.Peek();
            frame.LastPiece = piece;
            frame.ContainsRepetition |= piece.ContainsRepetition;
            frame.BranchMin += piece.Min;
            frame.BranchMax += piece.Max;
        }

        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Simple:
                    Emit(new Piece { Min = 1, Max = 1 });
                    continue;
                case TokenKind.GroupOpen:
                    frames.Push(new Frame());
                    continue;
                case TokenKind.GroupClose:
                    if (frames.Count > 1)
                    {
                        var closed = frames.Pop();
                        if (closed.HasAlternation)
                        {
                            closed.RecordAlternative();
                        }

                        Emit(new Piece
                        {
                            ContainsRepetition = closed.ContainsRepetition,
                            HasAmbiguousAlternation = closed.HasAlternation && closed.AltMin is not null && closed.AltMax is not null && closed.AltMin != closed.AltMax,
                            Min = closed.HasAlternation ? closed.AltMin ?? 0 : closed.BranchMin,
                            Max = closed.HasAlternation ? closed.AltMax ?? 0 : closed.BranchMax,
                        });
                    }

                    continue;
                case TokenKind.Alternation:
                    var current = frames.Peek();
                    current.HasAlternation = true;
                    current.RecordAlternative();
                    current.BranchMin = 0;
                    current.BranchMax = 0;
                    current.LastPiece = null;
                    continue;
            }

            var frame = frames.Peek();
            if (frame.LastPiece is not { } previous)
            {
                continue;
            }

            var quantifier = token.Quantifier!;
            if (previous.ContainsRepetition || (previous.HasAmbiguousAlternation && quantifier.Max is null))
            {
                return true;
            }

            var previousMin = previous.Min;
            var previousMax = previous.Max;
            previous.Min = Multiply(previous.Min, quantifier.Min);
            previous.Max = quantifier.Max is { } max ? Multiply(previous.Max, max) : double.PositiveInfinity;
            previous.ContainsRepetition = true;
            frame.ContainsRepetition = true;
            frame.BranchMin = frame.BranchMin - previousMin + previous.Min;
            frame.BranchMax = (double.IsFinite(frame.BranchMax) && double.IsFinite(previousMax) ? frame.BranchMax - previousMax : double.PositiveInfinity) + previous.Max;
        }

        return false;
    }

    private static double Multiply(double length, double factor) => double.IsFinite(length) ? length * factor : factor == 0 ? 0 : double.PositiveInfinity;

    private enum TokenKind
    {
        Simple,
        GroupOpen,
        GroupClose,
        Alternation,
        Quantifier,
    }

    private sealed record Quantifier(int Consumed, double Min, double? Max);

    private sealed record Token(TokenKind Kind, Quantifier? Quantifier = null)
    {
        public static readonly Token Simple = new(TokenKind.Simple);
        public static readonly Token GroupOpen = new(TokenKind.GroupOpen);
        public static readonly Token GroupClose = new(TokenKind.GroupClose);
        public static readonly Token Alternation = new(TokenKind.Alternation);
    }

    private sealed class Piece
    {
        public bool ContainsRepetition { get; set; }

        public bool HasAmbiguousAlternation { get; init; }

        public double Min { get; set; }

        public double Max { get; set; }
    }

    private sealed class Frame
    {
        public Piece? LastPiece { get; set; }

        public bool ContainsRepetition { get; set; }

        public bool HasAlternation { get; set; }

        public double BranchMin { get; set; }

        public double BranchMax { get; set; }

        public double? AltMin { get; private set; }

        public double? AltMax { get; private set; }

        public void RecordAlternative()
        {
            AltMin = AltMin is { } min ? Math.Min(min, BranchMin) : BranchMin;
            AltMax = AltMax is { } max ? Math.Max(max, BranchMax) : BranchMax;
        }
    }
}
