namespace Pincer.Agents.Runs.Events;

/// <summary>The model call is going out to this provider/model (lifecycle <c>model</c>); repeated on a fallback.</summary>
public sealed record ModelSelected(long AtMs, string Provider, string Model) : RunEvent(AtMs);
