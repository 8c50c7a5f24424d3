using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Events;

/// <summary>
/// Sends an event to every authenticated connection whose scopes pass the event's guard. The
/// payload is serialised once; each connection stamps its own <c>seq</c>.
/// </summary>
internal sealed class EventBroadcaster(ConnectionRegistry connections, GatewayCounters counters)
{
    /// <param name="scopes">Guard: any one suffices; empty means every connection incl. nodes.</param>
    /// <param name="dropIfSlow">Slow consumers skip the event (seq still advances) instead of being closed.</param>
    public void Broadcast(string name, JsonNode? payload, IReadOnlyList<string> scopes, bool dropIfSlow = false, bool withStateVersion = false)
    {
        var prefix = FrameWriter.EventPrefix(name, payload);
        StateVersion? version = withStateVersion ? counters.Current : null;
        foreach (var connection in connections.Authenticated)
        {
            if (scopes.Count > 0 && (connection.Role != "operator" || !OperatorScopes.AnySatisfied(scopes, connection.Scopes)))
            {
                continue;
            }

            connection.EnqueueEvent(prefix, version, dropIfSlow);
        }
    }
}
