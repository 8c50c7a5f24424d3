namespace Pincer.Agents.Runs.Events;

/// <summary>The run holds its session and is about to call the model (lifecycle <c>start</c>).</summary>
public sealed record RunStarted(long AtMs) : RunEvent(AtMs);
