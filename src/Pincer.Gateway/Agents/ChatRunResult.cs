namespace Pincer.Gateway.Agents;

/// <summary>How a run ended, as <c>agent.wait</c> reports it: <c>ok</c> or <c>error</c>, with the stop reason.</summary>
internal sealed record ChatRunResult(string Status, long? StartedAtMs, long EndedAtMs, string? StopReason, string? Error);
