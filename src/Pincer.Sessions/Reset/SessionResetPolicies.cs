using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Reset;

/// <summary>
/// The reference's reset-policy rules, pure: which policy applies to a session (config
/// <c>session.reset</c>, refined per session type by <c>session.resetByType.{direct|group|thread}</c>,
/// or replaced by a channel's override), and whether a stored session is still fresh under it.
/// </summary>
public static class SessionResetPolicies
{
    private static readonly string[] GroupMarkers = [":group:", ":channel:"];

    /// <summary><c>thread</c>, <c>group</c> or <c>direct</c>, as the reference classifies a session for its reset policy.</summary>
    public static string ResetType(string sessionKey, bool isThread = false, bool isGroup = false)
    {
        if (isThread || Abstractions.Sessions.SessionKeyKinds.ParseThreadSuffix(sessionKey).ThreadId is not null)
        {
            return "thread";
        }

        var lowered = JsText.TrimLower(sessionKey);
        return isGroup || GroupMarkers.Any(m => lowered.Contains(m, StringComparison.Ordinal)) ? "group" : "direct";
    }

    /// <param name="sessionConfig">The config's <c>session</c> object (may be null).</param>
    /// <param name="resetOverride">A channel's <c>session.resetByChannel</c> entry; it replaces both base and type settings.</param>
    public static SessionResetPolicy Resolve(JsonNode? sessionConfig, string resetType, JsonObject? resetOverride = null)
    {
        var baseReset = resetOverride ?? sessionConfig?["reset"] as JsonObject;
        var typeReset = resetOverride is null ? sessionConfig?["resetByType"]?[resetType] as JsonObject : null;
        var configured = baseReset is not null || typeReset is not null;
        var baseMode = Text(baseReset, "mode");
        var inheritedTypeMode = typeReset is not null && baseMode != SessionResetPolicy.None ? baseMode : null;
        var mode = Text(typeReset, "mode") ?? inheritedTypeMode ?? (typeReset is not null ? SessionResetPolicy.Daily : null)
            ?? baseMode ?? (baseReset is not null ? SessionResetPolicy.Daily : SessionResetPolicy.None);
        var atHour = NormalizeAtHour(Number(typeReset, "atHour") ?? Number(baseReset, "atHour"));

        long? idleMinutes = null;
        if ((Number(typeReset, "idleMinutes") ?? Number(baseReset, "idleMinutes")) is { } raw)
        {
            var floored = Math.Floor(raw);
            if (double.IsFinite(floored))
            {
                idleMinutes = (long)Math.Max(floored, 0);
            }
        }
        else if (mode == SessionResetPolicy.Idle)
        {
            idleMinutes = 0;
        }

        return new SessionResetPolicy(mode, atHour, idleMinutes, configured);
    }

    /// <summary>
    /// Whether a session last touched at <paramref name="updatedAt"/> is still fresh at <paramref name="now"/>.
    /// Times are Unix ms; the daily boundary is computed in <paramref name="localZone"/> (the gateway host's zone).
    /// </summary>
    public static SessionFreshness Evaluate(SessionResetPolicy policy, long now, long? updatedAt, long? sessionStartedAt, long? lastInteractionAt, TimeZoneInfo localZone)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(localZone);
        if (updatedAt == 0)
        {
            return new SessionFreshness(false);
        }

        if (policy.Mode == SessionResetPolicy.None)
        {
            return new SessionFreshness(true);
        }

        var updated = Valid(updatedAt, now) ?? 0;
        var started = Valid(sessionStartedAt, now) ?? updated;
        var interacted = Valid(lastInteractionAt, now) ?? started;
        long? dailyResetAt = policy.Mode == SessionResetPolicy.Daily ? DailyResetAt(now, policy.AtHour, localZone) : null;
        long? idleExpiresAt = policy.IdleMinutes is > 0 and { } minutes ? interacted + (minutes * 60_000) : null;
        var staleDaily = dailyResetAt is { } d && started < d;
        var staleIdle = idleExpiresAt is { } i && now > i;
        var reason = staleDaily && staleIdle
            ? (dailyResetAt!.Value <= idleExpiresAt!.Value ? SessionResetPolicy.Daily : SessionResetPolicy.Idle)
            : staleIdle ? SessionResetPolicy.Idle : staleDaily ? SessionResetPolicy.Daily : null;
        return new SessionFreshness(!(staleDaily || staleIdle), dailyResetAt, idleExpiresAt, reason);
    }

    /// <summary>The most recent local <paramref name="atHour"/>:00 at or before <paramref name="now"/>, in Unix ms.</summary>
    public static long DailyResetAt(long now, int atHour, TimeZoneInfo localZone)
    {
        ArgumentNullException.ThrowIfNull(localZone);
        var hour = NormalizeAtHour(atHour);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime, localZone);
        var today = ToUnixMs(local.Date.AddHours(hour), localZone);
        return now < today ? ToUnixMs(local.Date.AddDays(-1).AddHours(hour), localZone) : today;
    }

    public static int NormalizeAtHour(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return SessionResetPolicy.DefaultAtHour;
        }

        var floored = Math.Floor(v);
        return floored < 0 ? 0 : floored > 23 ? 23 : (int)floored;
    }

    // A wall-clock time skipped by a DST jump moves forward by the gap, as a JavaScript Date does.
    private static long ToUnixMs(DateTime localWallClock, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            wall = wall.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUnixTimeMilliseconds();
    }

    private static long? Valid(long? value, long now) => value is { } v && v >= 0 && v <= now ? v : null;

    private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;
}
