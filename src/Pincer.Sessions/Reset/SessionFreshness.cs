namespace Pincer.Sessions.Reset;

/// <summary>The verdict on a stored session: still fresh, or stale since which boundary.</summary>
/// <param name="StaleReason"><c>daily</c> or <c>idle</c> when stale (the earlier boundary when both passed).</param>
public sealed record SessionFreshness(bool Fresh, long? DailyResetAt = null, long? IdleExpiresAt = null, string? StaleReason = null);
