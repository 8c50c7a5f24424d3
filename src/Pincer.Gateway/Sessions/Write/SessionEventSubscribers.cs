using System.Collections.Concurrent;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// Per-connection opt-ins, as the reference keeps them: <c>sessions.subscribe</c> makes a connection a
/// receiver of <c>sessions.changed</c> (nobody else gets it), <c>sessions.messages.subscribe</c> adds one
/// session to the connection's <c>session.message</c> set. State is keyed by connection id and dropped
/// once the connection is gone from the registry.
/// </summary>
internal sealed class SessionEventSubscribers(ConnectionRegistry connections)
{
    private readonly ConcurrentDictionary<string, byte> _changes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _messages = new(StringComparer.Ordinal);

    public void SubscribeChanges(string connId) => _changes[connId] = 0;

    public void SubscribeMessages(string connId, string subscriptionKey) =>
        _messages.GetOrAdd(connId, _ => new(StringComparer.Ordinal))[subscriptionKey] = 0;

    public void UnsubscribeMessages(string connId, string subscriptionKey)
    {
        if (_messages.TryGetValue(connId, out var keys))
        {
            keys.TryRemove(subscriptionKey, out _);
        }
    }

    public bool IsSubscribedToMessages(string connId, string subscriptionKey) =>
        _messages.TryGetValue(connId, out var keys) && keys.ContainsKey(subscriptionKey);

    /// <summary>Live operator connections that opted in to <c>sessions.changed</c> and may read sessions.</summary>
    public IReadOnlyList<GatewayConnection> ChangeReceivers()
    {
        var live = new List<GatewayConnection>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in connections.Authenticated)
        {
            present.Add(connection.ConnId);
            if (_changes.ContainsKey(connection.ConnId)
                && connection.Role == "operator"
                && OperatorScopes.Satisfied(OperatorScopes.Read, connection.Scopes))
            {
                live.Add(connection);
            }
        }

        Prune(present);
        return live;
    }

    /// <summary>
    /// Live operator connections that get <c>session.message</c> for one session: every <c>sessions.subscribe</c>
    /// receiver, and the connections that subscribed to this session's messages.
    /// </summary>
    public IReadOnlyList<GatewayConnection> MessageReceivers(string subscriptionKey)
    {
        var live = new List<GatewayConnection>();
        foreach (var connection in connections.Authenticated)
        {
            if ((_changes.ContainsKey(connection.ConnId) || IsSubscribedToMessages(connection.ConnId, subscriptionKey))
                && connection.Role == "operator"
                && OperatorScopes.Satisfied(OperatorScopes.Read, connection.Scopes))
            {
                live.Add(connection);
            }
        }

        return live;
    }

    private void Prune(HashSet<string> present)
    {
        foreach (var connId in _changes.Keys.Where(id => !present.Contains(id)))
        {
            _changes.TryRemove(connId, out _);
        }

        foreach (var connId in _messages.Keys.Where(id => !present.Contains(id)))
        {
            _messages.TryRemove(connId, out _);
        }
    }
}
