using System.Globalization;
using System.Text.RegularExpressions;

namespace Pincer.Protocol.Validation;

/// <summary>
/// The <c>format</c> keyword as TypeBox 1.3 evaluates it: a registry lookup where an unknown format
/// always passes. The protocol schemas only use <c>uuid</c> and <c>date-time</c>; those (plus the
/// <c>date</c>/<c>time</c> pieces date-time is built from) follow TypeBox's checks exactly. TypeBox's other
/// registered formats (email, hostname, ipv4, uri, …) are not used by any protocol schema and pass here.
/// </summary>
internal static partial class StringFormats
{
    private static readonly int[] DaysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    public static bool Test(string format, string value) => format switch
    {
        "uuid" => UuidPattern().IsMatch(value),
        "date-time" => IsDateTime(value),
        "date" => IsDate(value),
        "time" => IsTime(value),
        _ => true,
    };

    private static bool IsDateTime(string value)
    {
        // JS value.split(/T/i) must yield exactly two parts.
        var parts = value.Split(['T', 't']);
        return parts.Length == 2 && IsDate(parts[0]) && IsTime(parts[1]);
    }

    private static bool IsDate(string value)
    {
        var m = DatePattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        var year = Parse(m.Groups[1].Value);
        var month = Parse(m.Groups[2].Value);
        var day = Parse(m.Groups[3].Value);
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month is >= 1 and <= 12 && day >= 1 && day <= (month == 2 && leap ? 29 : DaysInMonth[month]);
    }

    private static bool IsTime(string value)
    {
        var m = TimePattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        // TypeBox's strict mode: a zone designator (Z or ±hh:mm) is required.
        var zulu = m.Groups[4].Success;
        var sign = m.Groups[5].Success ? m.Groups[5].Value : "";
        if (!zulu && sign.Length == 0)
        {
            return false;
        }

        var hr = Parse(m.Groups[1].Value);
        var min = Parse(m.Groups[2].Value);
        var sec = Parse(m.Groups[3].Value);
        if (hr > 23 || min > 59 || sec > 60)
        {
            return false;
        }

        var tzH = 0;
        var tzM = 0;
        if (sign.Length > 0)
        {
            tzH = Parse(m.Groups[6].Value);
            tzM = Parse(m.Groups[7].Value);
            if (tzH > 23 || tzM > 59)
            {
                return false;
            }
        }

        if (sec < 60)
        {
            return true;
        }

        // A leap second is only valid at 23:59:60 UTC.
        var tzSign = sign == "-" ? -1 : 1;
        var totalUtcMin = (hr * 60) + min - (tzSign * ((tzH * 60) + tzM));
        return ((totalUtcMin % 1440) + 1440) % 1440 == 1439;
    }

    private static int Parse(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})-([0-9]{2})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex("^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
