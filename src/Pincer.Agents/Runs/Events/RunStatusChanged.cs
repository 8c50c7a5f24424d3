namespace Pincer.Agents.Runs.Events;

/// <summary>A coarse progress phase (<c>preparing_workspace</c>, <c>preparing_context</c>, <c>starting_model</c>).</summary>
public sealed record RunStatusChanged(long AtMs, string Phase) : RunEvent(AtMs);
