using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Gateway.Usage;

/// <summary>
/// How a usage request's calendar days are read (<c>mode</c>: <c>utc</c> by default, <c>gateway</c> for the
/// gateway's own zone, <c>specific</c> with a <c>timeZone</c> or a legacy <c>utcOffset</c>) and which epoch range
/// its <c>startDate</c>/<c>endDate</c>, <c>range</c> or <c>days</c> (default 30, today included) cover.
/// Refusals carry the reference's messages.
/// </summary>
internal sealed partial record UsageDateRange(long StartMs, long EndMs, bool IncludeUntimestamped, TimeZoneInfo Zone)
{
    private const int MaxDays = 36600;
    private const int DefaultDays = 30;

    /// <summary>The calendar day <paramref name="ms"/> falls on, in the request's zone.</summary>
    public string DayKey(long ms) => DayOf(DateTimeOffset.FromUnixTimeMilliseconds(ms), Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The range, or the reference's refusal message.</summary>
    public static UsageDateRange Resolve(JsonObject p, DateTimeOffset now, TimeZoneInfo gatewayZone, out string? error)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(gatewayZone);
        var zone = Interpretation(p, gatewayZone, out error);
        var none = new UsageDateRange(0, 0, false, zone ?? TimeZoneInfo.Utc);
        if (zone is null)
        {
            return none;
        }

        foreach (var field in (string[])["startDate", "endDate"])
        {
            if (p[field] is JsonValue v && v.TryGetValue<string>(out var raw) && raw.Trim().Length > 0 && ParseDay(raw) is null)
            {
                error = $"invalid {field}: expected a valid YYYY-MM-DD calendar date";
                return none;
            }
        }

        var today = DayOf(now, zone);
        var todayEnd = StartOf(today.AddDays(1), zone) - 1;
        var start = ParseDay(Text(p["startDate"]));
        var end = ParseDay(Text(p["endDate"]));
        if (start.HasValue != end.HasValue)
        {
            error = "startDate and endDate must be provided together";
            return none;
        }

        if (start is { } s && end is { } e)
        {
            if (StartOf(s, zone) > StartOf(e, zone))
            {
                error = "startDate must not be after endDate";
                return none;
            }

            return new UsageDateRange(StartOf(s, zone), StartOf(e.AddDays(1), zone) - 1, false, zone);
        }

        var range = Text(p["range"]);
        if (range == "all")
        {
            return new UsageDateRange(0, todayEnd, true, zone);
        }

        var days = Math.Max(1, range switch { "7d" => 7, "30d" => 30, "90d" => 90, "1y" => 365, _ => Days(p["days"]) ?? DefaultDays });
        return new UsageDateRange(StartOf(today.AddDays(-(days - 1)), zone), todayEnd, false, zone);
    }

    /// <summary>The zone the request's days are counted in, or null with the refusal.</summary>
    private static TimeZoneInfo? Interpretation(JsonObject p, TimeZoneInfo gatewayZone, out string? error)
    {
        error = null;
        var mode = Text(p["mode"]);
        if (mode == "gateway")
        {
            return gatewayZone;
        }

        if (mode != "specific")
        {
            return TimeZoneInfo.Utc;
        }

        var offset = UtcOffsetMinutes(p["utcOffset"]);
        if (p["timeZone"] is { } tzNode)
        {
            var requested = Text(tzNode)?.Trim();
            if (requested is { Length: > 0 } && FindZone(requested) is { } found)
            {
                return found;
            }

            if (offset is { } minutes)
            {
                return Fixed(minutes);
            }

            error = "invalid timeZone: expected a valid IANA time zone";
            return null;
        }

        if (offset is { } m)
        {
            return Fixed(m);
        }

        if (p["utcOffset"] is { } raw && (Text(raw) is not { } text || text.Trim().Length > 0))
        {
            error = "invalid utcOffset: expected UTC-12:00 through UTC+14:00";
            return null;
        }

        return TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static TimeZoneInfo Fixed(int minutes) =>
        minutes == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone($"UTC{minutes:+0;-0}m", TimeSpan.FromMinutes(minutes), null, null);

    private static int? UtcOffsetMinutes(JsonNode? node)
    {
        if (Text(node)?.Trim() is not { Length: > 0 } raw || UtcOffset().Match(raw) is not { Success: true } match)
        {
            return null;
        }

        var sign = match.Groups[1].Value == "+" ? 1 : -1;
        var total = sign * ((int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 60)
            + (match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0));
        return total is < -720 or > 840 ? null : total;
    }

    private static int? Days(JsonNode? node)
    {
        double? n = node is JsonValue v && v.TryGetValue<double>(out var d) ? d
            : Text(node) is { } s && s.Trim().Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;
        return n is { } x && double.IsFinite(x) ? (int)Math.Min(Math.Floor(x), MaxDays) : null;
    }

    private static DateOnly? ParseDay(string? raw) =>
        raw is not null && DayPattern().IsMatch(raw.Trim())
        && DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    private static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Epoch ms of the day's first instant in <paramref name="zone"/> (a skipped midnight starts at the gap's end).</summary>
    private static long StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^UTC([+-])(\d{1,2})(?::([0-5]\d))?$")]
    private static partial Regex UtcOffset();
}
