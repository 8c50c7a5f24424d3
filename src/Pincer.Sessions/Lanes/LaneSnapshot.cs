namespace Pincer.Sessions.Lanes;

/// <summary>A point-in-time view of one session lane.</summary>
/// <param name="SessionKey">The session.</param>
/// <param name="IsActive">A turn is running or about to run (waiting for a concurrency slot).</param>
/// <param name="IsRunning">The runner has the turn.</param>
/// <param name="QueueDepth">Messages waiting for a later turn.</param>
/// <param name="DroppedCount">Messages dropped at the cap and waiting to be summarized.</param>
/// <param name="Settings">The queue settings in force.</param>
public sealed record LaneSnapshot(string SessionKey, bool IsActive, bool IsRunning, int QueueDepth, int DroppedCount, QueueSettings Settings);
