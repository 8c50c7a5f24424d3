namespace Pincer.Agents.Runs.Events;

/// <summary>Streamed assistant text: the whole text of the current assistant item so far, and what this chunk added.</summary>
public sealed record AssistantTextDelta(long AtMs, string Text, string Delta, string ItemId) : RunEvent(AtMs);
