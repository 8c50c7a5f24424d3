using System.Text.Json.Nodes;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;
using Pincer.Gateway.Sessions.Write;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// The read side of the <c>sessions.*</c> family and the transcript reads of <c>chat.*</c>: everything
/// here is answered from the agent stores alone, without the agent loop.
/// </summary>
internal sealed class SessionsReadMethods(AgentStores stores, ConfigState config, GatewayRuntime runtime, SessionEventSubscribers subscribers, TimeProvider time) : IMethodGroup
{
    private readonly SessionListReader _list = new(stores, config, runtime, time);
    private readonly SessionPreviewReader _preview = new(stores, config, time);
    private readonly SessionDescribeReader _describe = new(stores, config, time);
    private readonly SessionResolver _resolve = new(stores, config, time);
    private readonly ChatHistoryReader _history = new(stores, config, time);

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("sessions.list", "SessionsListParamsSchema", async (r, ct) => await _list.ListAsync(r.Params, r.Connection.Scopes, ct).ConfigureAwait(false)),
        new("sessions.preview", "SessionsPreviewParamsSchema", async (r, ct) => await _preview.PreviewAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.describe", "SessionsDescribeParamsSchema", async (r, ct) => await _describe.DescribeAsync(r.Params, r.Connection.Scopes, ct).ConfigureAwait(false)),
        new("sessions.resolve", "SessionsResolveParamsSchema", async (r, ct) => await _resolve.ResolveAsync(r.Params, ct).ConfigureAwait(false)),
        new("chat.history", "ChatHistoryParamsSchema", async (r, ct) => await _history.HistoryAsync(r.Params, r.Connection.Scopes, ct).ConfigureAwait(false)),
        new("chat.startup", "ChatStartupParamsSchema", StartupAsync),
        new("chat.message.get", "ChatMessageGetParamsSchema", async (r, ct) => await _history.MessageAsync(r.Params, ct).ConfigureAwait(false)),
    ];

    private async ValueTask<JsonNode?> StartupAsync(RequestContext request, CancellationToken cancellationToken)
    {
        if (!request.Params.ContainsKey("sessionKey"))
        {
            // Opening a chat by its short id also opts the connection into session change events, as the reference does.
            subscribers.SubscribeChanges(request.Connection.ConnId);
        }

        return await ChatStartupReader.StartupAsync(_history, _resolve, request.Params, request.Connection.Scopes, cancellationToken).ConfigureAwait(false);
    }
}
