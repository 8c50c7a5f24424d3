using System.Text.Json.Nodes;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Control;

/// <summary>One admitted request as a handler sees it.</summary>
internal sealed record RequestContext(GatewayConnection Connection, string Id, string Method, JsonObject Params)
{
    public bool IsAdmin => Connection.Scopes.Contains(Auth.OperatorScopes.Admin);

    /// <summary>Work that must follow the response on the wire (e.g. closing the caller's own session).</summary>
    public List<Action> AfterResponse { get; } = [];
}
