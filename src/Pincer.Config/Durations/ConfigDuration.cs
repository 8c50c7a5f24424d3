namespace Pincer.Config.Durations;

/// <summary>Parses the config's short durations (<c>30m</c>, <c>1h</c>, <c>45s</c>, <c>2d</c>, <c>500ms</c>).</summary>
public static class ConfigDuration
{
    public static long? ToMilliseconds(string text)
    {
        var t = text.Trim();
        var unitStart = 0;
        while (unitStart < t.Length && (char.IsAsciiDigit(t[unitStart]) || t[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(t[..unitStart], System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        double? factor = t[unitStart..].ToLowerInvariant() switch
        {
            "ms" => 1,
            "s" or "" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => null,
        };
        return factor is { } f ? (long)(value * f) : null;
    }
}
