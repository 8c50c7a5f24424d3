namespace Pincer.Agents.Runs.Events;

/// <summary>The model loop is over (lifecycle <c>finishing</c>): how it stopped and whether it was aborted.</summary>
public sealed record RunFinishing(long AtMs, string StopReason, bool Aborted) : RunEvent(AtMs);
