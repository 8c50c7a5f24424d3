using System.Text.Json.Nodes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// How a run ended, as <c>agent.wait</c> reports it: <c>ok</c> with the run's terminal receipt and reply (the
/// lifecycle end's), or <c>error</c> with the stop reason and message.
/// </summary>
internal sealed record ChatRunResult(string Status, long? StartedAtMs, long EndedAtMs, string? StopReason, string? Error)
{
    public JsonObject? TerminalReceipt { get; init; }

    public JsonObject? TerminalReply { get; init; }

    /// <summary>The session the run wrote to, once it had one.</summary>
    public string? SessionId { get; init; }

    /// <summary>What the agent loop reported, for a run that reached it.</summary>
    public Pincer.Agents.Runs.RunOutcome? Outcome { get; init; }

    /// <summary>A newer interrupt-mode message stopped the run; <c>agent.wait</c> then names when it started.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The context window of the model the run used, when known.</summary>
    public long? ContextTokens { get; init; }
}
