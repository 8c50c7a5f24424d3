using Pincer.Gateway.Agents;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// The turn-taking methods: <c>chat.send</c> (start a turn; the answer is the run id, output streams as
/// <c>chat</c>/<c>agent</c> events), <c>chat.abort</c> (stop a session's queued and running turns) and
/// <c>agent.wait</c> (await a run's end).
/// </summary>
internal sealed class ChatMethods(ChatTurns turns) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("chat.send", "ChatSendParamsSchema", (r, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(turns.Send(r.Connection, r.Params))) { OwnsIdempotency = true },
        new("chat.abort", "ChatAbortParamsSchema", (r, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(turns.Abort(r.Params))),
        new("agent.wait", "AgentWaitParamsSchema", async (r, ct) => await turns.WaitAsync(r.Params, ct).ConfigureAwait(false)),
    ];
}
