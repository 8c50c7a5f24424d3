using System.Text.Json.Nodes;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Events;

namespace Pincer.Gateway.Hosting;

/// <summary>On stop: broadcast <c>shutdown</c>, then close every socket with 1012 "service restart".</summary>
internal sealed class GatewayShutdown(EventBroadcaster events, ConnectionRegistry connections)
{
    public void Announce(string reason, long? restartExpectedMs = null)
    {
        var payload = new JsonObject { ["reason"] = reason };
        if (restartExpectedMs is { } ms)
        {
            payload["restartExpectedMs"] = ms;
        }

        events.Broadcast("shutdown", payload, []);
        foreach (var connection in connections.All)
        {
            connection.RequestClose(1012, "service restart");
        }
    }
}
