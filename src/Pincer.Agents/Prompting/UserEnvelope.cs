using System.Globalization;

namespace Pincer.Agents.Prompting;

/// <summary>
/// How a user message reaches the model: prefixed with its send time (<c>[Sun 2026-12-06 20:43 UTC] </c>), and —
/// on Chat Completions, whose system prompt must stay cacheable — the runtime line appended to the session's
/// first user message instead of the system prompt.
/// </summary>
public static class UserEnvelope
{
    public static string Stamp(DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(sentAt, zone);
        return "[" + local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + ZoneName(zone, local) + "] ";
    }

    /// <summary>Whether the runtime line rides on the first user message (true) or ends the system prompt.</summary>
    public static bool RuntimeLineOnUser(string api) => api == "openai-completions";

    public static string Wrap(string text, DateTimeOffset sentAt, TimeZoneInfo zone, string? runtimeLine) =>
        Stamp(sentAt, zone) + text + (runtimeLine is null ? "" : "\n\n" + runtimeLine);

    private static string ZoneName(TimeZoneInfo zone, DateTimeOffset local)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return "UTC";
        }

        var offset = local.Offset;
        return offset == TimeSpan.Zero ? "GMT" : "GMT" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(offset.Minutes == 0 ? "%h" : @"h\:mm", CultureInfo.InvariantCulture);
    }
}
