using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Events;

namespace Pincer.Gateway.Presence;

/// <summary>
/// Keeps an operator client's presence entry current (online since, then "disconnect") and
/// announces each change as a <c>presence</c> broadcast with a new presence version.
/// </summary>
internal sealed class ClientPresence(PresenceRegistry presence, EventBroadcaster events, GatewayCounters counters)
{
    private static readonly string[] ReadScopes = [OperatorScopes.Read];

    public void Connected(GatewayConnection connection) => Update(connection, "connect");

    public void Disconnected(GatewayConnection connection) => Update(connection, "disconnect");

    private void Update(GatewayConnection connection, string reason)
    {
        // Command-line, backend and probe connections are tools, not people: the reference lists none of them.
        if (connection.Role != "operator" || connection.Client is not { } client || client.Mode is "probe" or "cli" or "backend")
        {
            return;
        }

        var entry = new JsonObject
        {
            ["clientId"] = client.Id,
            ["mode"] = client.Mode,
            ["onlineSince"] = client.ConnectedAt.ToUnixTimeMilliseconds(),
            ["roles"] = new JsonArray(connection.Role),
            ["text"] = $"Node: {client.DisplayName ?? "unknown"} · mode {client.Mode}",
            ["host"] = client.DisplayName ?? client.Id,
            ["version"] = client.Version,
            ["platform"] = client.Platform,
        };
        if (client.DeviceFamily is not null)
        {
            entry["deviceFamily"] = client.DeviceFamily;
        }

        if (client.InstanceId is not null)
        {
            entry["instanceId"] = client.InstanceId;
        }

        entry["reason"] = reason;
        presence.Upsert(client.InstanceId ?? client.DeviceId ?? $"{client.Id}:{client.Mode}", entry);
        counters.BumpPresence();
        events.Broadcast("presence", new JsonObject { ["presence"] = presence.Snapshot() }, ReadScopes, dropIfSlow: true, withStateVersion: true);
    }
}
