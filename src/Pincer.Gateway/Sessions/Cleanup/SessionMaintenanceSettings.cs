using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// <c>session.maintenance</c> resolved with the reference's defaults: enforce mode, 30-day age
/// retention, 7-day dashboard archiving, 5000 live entries, a one-day model-run probe window and a
/// 10 GiB disk budget whose high-water mark is 80 % of it. Durations without a unit are days, sizes
/// without one bytes; an unparsable value falls back as the reference's does.
/// </summary>
internal sealed record SessionMaintenanceSettings(
    string Mode,
    long PruneAfterMs,
    long? ArchiveDashboardAfterMs,
    long MaxEntries,
    long ModelRunPruneAfterMs,
    long? PreserveRecentMs,
    long? MaxDiskBytes,
    long? HighWaterBytes)
{
    public const long DefaultPruneAfterMs = 30L * Day;
    public const long DefaultDashboardArchiveAfterMs = 7L * Day;
    public const long DefaultModelRunPruneAfterMs = Day;
    public const long DefaultMaxEntries = 5000;
    public const long DefaultMaxDiskBytes = 10L * 1024 * 1024 * 1024;
    private const long Day = 86_400_000;

    public bool Enforces => Mode != "warn";

    public static SessionMaintenanceSettings FromConfig(JsonObject? config)
    {
        var m = config?["session"]?["maintenance"] as JsonObject;
        var mode = m?["mode"] is JsonValue mv && mv.TryGetValue<string>(out var ms) ? ms : "enforce";
        var pruneAfter = Text(m?["pruneAfter"]) is { } p ? ParseDuration(p) ?? DefaultPruneAfterMs : DefaultPruneAfterMs;
        var maxEntries = m?["maxEntries"] is JsonValue me && me.TryGetValue<double>(out var n) ? (long)n : DefaultMaxEntries;
        var maxDisk = MaxDisk(m?["maxDiskBytes"]);
        return new SessionMaintenanceSettings(
            mode,
            pruneAfter,
            DashboardAfter(m?["archiveDashboardAfter"]),
            maxEntries,
            DefaultModelRunPruneAfterMs,
            IsFalse(m?["preserveRecent"]) || m?["preserveRecent"] is null ? null : ParseDuration(Text(m["preserveRecent"]) ?? string.Empty),
            maxDisk,
            HighWater(m?["highWaterBytes"], maxDisk));
    }

    private static long? DashboardAfter(JsonNode? raw)
    {
        if (IsFalse(raw) || (raw is JsonValue v && v.TryGetValue<double>(out var d) && d == 0))
        {
            return null;
        }

        if (Text(raw) is not { } text)
        {
            return DefaultDashboardArchiveAfterMs;
        }

        return ParseDuration(text) is { } ms ? (ms > 0 ? ms : null) : DefaultDashboardArchiveAfterMs;
    }

    private static long? MaxDisk(JsonNode? raw)
    {
        if (IsFalse(raw))
        {
            return null;
        }

        if (Text(raw) is not { } text)
        {
            return DefaultMaxDiskBytes;
        }

        return ParseBytes(text) is { } bytes && bytes > 0 ? bytes : null;
    }

    private static long? HighWater(JsonNode? raw, long? maxDisk)
    {
        if (maxDisk is not { } max)
        {
            return null;
        }

        var fallback = Math.Max(1, Math.Min(max, (long)Math.Floor(max * 0.8)));
        return Text(raw) is { } text && ParseBytes(text) is { } parsed ? (parsed > 0 ? Math.Min(parsed, max) : fallback) : fallback;
    }

    private static bool IsFalse(JsonNode? raw) => raw is JsonValue v && v.TryGetValue<bool>(out var b) && !b;

    /// <summary>Strings trimmed, numbers as their text; anything else is unset.</summary>
    private static string? Text(JsonNode? raw) => raw switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => JsText.TrimToNull(s),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A number with an optional unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, <c>w</c>); bare numbers are days.</summary>
    internal static long? ParseDuration(string text)
    {
        var (value, unit) = Split(text);
        double? factor = unit switch
        {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" or "" => Day,
            "w" => 7 * Day,
            _ => null,
        };
        return value is { } v && factor is { } f ? (long)Math.Round(v * f) : null;
    }

    /// <summary>A number with an optional binary unit (<c>b</c>, <c>kb</c>, <c>mb</c>, <c>gb</c>, <c>tb</c>, or their first letter); bare numbers are bytes.</summary>
    internal static long? ParseBytes(string text)
    {
        var (value, unit) = Split(text);
        double? factor = unit switch
        {
            "" or "b" => 1,
            "k" or "kb" => 1024,
            "m" or "mb" => 1024 * 1024,
            "g" or "gb" => 1024d * 1024 * 1024,
            "t" or "tb" => 1024d * 1024 * 1024 * 1024,
            _ => null,
        };
        return value is { } v && factor is { } f ? (long)Math.Floor(v * f) : null;
    }

    private static (double? Value, string Unit) Split(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] == '.'))
        {
            end++;
        }

        return end > 0 && double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? (value, t[end..].Trim())
            : (null, t);
    }
}
