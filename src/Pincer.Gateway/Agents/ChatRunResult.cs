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
}
