using System.Text.Json.Nodes;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Control;

/// <summary>One admitted request as a handler sees it.</summary>
internal sealed record RequestContext(GatewayConnection Connection, string Id, string Method, JsonObject Params)
{
    public bool IsAdmin => Connection.Scopes.Contains(Auth.OperatorScopes.Admin);

    /// <summary>Work that must follow the response on the wire (e.g. closing the caller's own session).</summary>
    public List<Action> AfterResponse { get; } = [];

    /// <summary>
    /// Sends an early answer under this request's id; the handler's result follows later as a second answer
    /// with the same id (the two-phase shape of <c>agent</c>: accepted now, the run's result when it ends).
    /// </summary>
    public void Acknowledge(JsonNode payload) => Connection.Send(Events.FrameWriter.Response(Id, payload));
}
