using System.Text.RegularExpressions;

namespace Pincer.Config.Schema;

/// <summary>Dotted config paths as the lookup and UI-hint code read them (<c>a.b[0]</c> → <c>a.b.0</c>, <c>a[]</c> → <c>a.*</c>).</summary>
internal static partial class LookupPath
{
    public static string Normalize(string path)
    {
        var s = BracketSegment().Replace(path.Trim(), m => "." + (m.Groups[1].Value.Length == 0 ? "*" : m.Groups[1].Value));
        s = s.Trim('.');
        return RepeatedDots().Replace(s, ".");
    }

    public static string[] Split(string path)
    {
        var normalized = Normalize(path);
        return normalized.Length == 0 ? [] : normalized.Split('.', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Canonical array index: no sign, no leading zeros.</summary>
    public static int? ParseIndex(string segment)
    {
        if (segment.Length == 0 || segment.Length > 9 || (segment.Length > 1 && segment[0] == '0'))
        {
            return null;
        }

        foreach (var c in segment)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\[(\*|\d*)\]")]
    private static partial Regex BracketSegment();

    [GeneratedRegex(@"\.+")]
    private static partial Regex RepeatedDots();
}
