using System.Globalization;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// Durations as <c>/queue debounce:</c> accepts them: <c>500</c> (milliseconds), <c>0.5s</c>, <c>2m</c>, <c>1h30m</c>;
/// units <c>ms s m h d</c>, case-insensitive, rounded to whole milliseconds.
/// </summary>
internal static partial class QueueDurations
{
    public static double? TryParseMs(string raw)
    {
        var trimmed = JsText.TrimLower(raw);
        if (trimmed.Length == 0) return null;
        var single = Single().Match(trimmed);
        if (single.Success)
        {
            return Round(Token(single.Groups[1].Value, single.Groups[2].Success ? single.Groups[2].Value : "ms"));
        }
        double total = 0;
        var consumed = 0;
        foreach (Match m in Segment().Matches(trimmed))
        {
            if (m.Index != consumed) return null;
            total += Token(m.Groups[1].Value, m.Groups[2].Value);
            consumed += m.Length;
        }
        return consumed == trimmed.Length && consumed > 0 ? Round(total) : null;
    }

    private static double Token(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => 86_400_000,
    };

    // JavaScript's Math.round: halves go up.
    private static double? Round(double ms)
    {
        var rounded = Math.Floor(ms + 0.5);
        return double.IsFinite(rounded) && Math.Abs(rounded) <= 9_007_199_254_740_991 ? rounded : null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Single();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
