namespace Pincer.Agents.Runs.Events;

/// <summary>The provider reported token usage for a model call.</summary>
public sealed record UsageReported(long AtMs, RunUsage Usage) : RunEvent(AtMs);
