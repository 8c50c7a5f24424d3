using Pincer.Gateway.Agents;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// The turn-taking methods: <c>chat.send</c> (start a turn; the answer is the run id, output streams as
/// <c>chat</c>/<c>agent</c> events), <c>chat.abort</c> (stop a session's queued and running turns) and
/// <c>agent.wait</c> (await a run's end); <c>agent</c> (a run answered when it ends), <c>sessions.send</c> and
/// <c>sessions.abort</c>.
/// </summary>
internal sealed class ChatMethods(ChatTurns turns) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("chat.send", "ChatSendParamsSchema", (r, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(turns.Send(r.Connection, r.Params, r.AfterResponse))) { OwnsIdempotency = true },
        new("chat.abort", "ChatAbortParamsSchema", (r, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(turns.Abort(r.Params))),
        new("agent.wait", "AgentWaitParamsSchema", async (r, ct) => await turns.WaitAsync(r.Params, ct).ConfigureAwait(false)),
        new("agent", "AgentParamsSchema", RunAgentAsync) { OwnsIdempotency = true },
        new("sessions.send", "SessionsSendParamsSchema", async (r, ct) => await turns.SendToSessionAsync(r.Connection, r.Params, r.AfterResponse, ct).ConfigureAwait(false)) { OwnsIdempotency = true },
        new("sessions.abort", "SessionsAbortParamsSchema", async (r, ct) => await turns.AbortSessionAsync(r.Params, ct).ConfigureAwait(false)),
    ];

    /// <summary>
    /// <c>agent</c> answers twice under one request id: <c>accepted</c> at once, then the run's result when it ends.
    /// A repeat of a live run's key answers <c>in_flight</c> only.
    /// </summary>
    private async ValueTask<System.Text.Json.Nodes.JsonNode?> RunAgentAsync(RequestContext request, CancellationToken cancellationToken)
    {
        var (run, added, named) = turns.AcceptAgentRun(request.Connection, request.Params);
        if (!added)
        {
            return AgentRunReply.InFlight(run);
        }

        request.Acknowledge(AgentRunReply.Accepted(run, named));
        var result = await run.Ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        return AgentRunReply.Final(run, result);
    }
}
