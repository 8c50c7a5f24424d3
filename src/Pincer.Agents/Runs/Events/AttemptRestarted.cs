namespace Pincer.Agents.Runs.Events;

/// <summary>
/// The text streamed for the failed attempt is void: the next attempt's text replaces it (the reference's
/// assistant event with <c>replace: true</c> and empty text).
/// </summary>
public sealed record AttemptRestarted(long AtMs, string ItemId) : RunEvent(AtMs);
