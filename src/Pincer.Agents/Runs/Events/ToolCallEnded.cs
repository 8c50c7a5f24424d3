namespace Pincer.Agents.Runs.Events;

/// <summary>A tool call finished (or failed: <see cref="IsError"/>).</summary>
public sealed record ToolCallEnded(long AtMs, string CallId, string Name, string Result, bool IsError) : RunEvent(AtMs);
