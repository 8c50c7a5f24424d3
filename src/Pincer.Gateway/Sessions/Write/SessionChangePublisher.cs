using System.Text.Json.Nodes;
using Pincer.Gateway.Events;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// Sends <c>sessions.changed</c> to the connections that subscribed (never a broadcast to all). A
/// change to a live session carries its row snapshot; a deletion carries only the key and the
/// removed session id, followed by a keyless list refresh, as the reference sends them. Events are
/// published after the store commit and after the method's response is queued.
/// </summary>
internal sealed class SessionChangePublisher(SessionEventSubscribers subscribers, SessionTargetResolver targets, TimeProvider time)
{
    public const string EventName = "sessions.changed";

    public void Changed(string storeKey, string agentId, string reason, SessionEntry entry)
    {
        var receivers = subscribers.ChangeReceivers();
        if (receivers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var header = new JsonObject { ["sessionKey"] = storeKey, ["agentId"] = agentId, ["reason"] = reason, ["ts"] = now };
        Send(receivers, SessionChangedPayload.Build(header, Row(storeKey, agentId, entry, now)));
    }

    /// <summary>The row snapshot a session event carries, as an admin sees it.</summary>
    public JsonObject Row(string storeKey, string agentId, SessionEntry entry, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Re-read from text: values built in code are CLR-typed, and the projection reads numbers as stored JSON.
        entry = SessionEntry.Parse(entry.Json.ToJsonString()) ?? entry;
        return SessionRowProjector.Project(storeKey, agentId, entry, new SessionRowOptions
        {
            Config = targets.Config,
            NowMs = nowMs,
            SharingRole = "admin",
            DerivedTitle = Pincer.Abstractions.Text.JsText.TrimToNull(entry.Label) ?? Pincer.Abstractions.Text.JsText.TrimToNull(entry.DisplayName),
        });
    }

    public void Deleted(string storeKey, string agentId, string? sessionId)
    {
        var receivers = subscribers.ChangeReceivers();
        if (receivers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var keyed = new JsonObject { ["sessionKey"] = storeKey };
        if (sessionId is not null)
        {
            keyed["sessionId"] = sessionId;
        }

        keyed["agentId"] = agentId;
        keyed["reason"] = "delete";
        keyed["ts"] = now;
        Send(receivers, keyed);
        Send(receivers, new JsonObject { ["reason"] = "delete", ["ts"] = now });
    }

    /// <summary>A keyless change (e.g. <c>groups</c>): subscribers reload the list.</summary>
    public void ListChanged(string reason)
    {
        var receivers = subscribers.ChangeReceivers();
        if (receivers.Count > 0)
        {
            Send(receivers, new JsonObject { ["reason"] = reason, ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds() });
        }
    }

    internal static void Send(IReadOnlyList<Connections.GatewayConnection> receivers, string eventName, JsonObject payload)
    {
        var prefix = FrameWriter.EventPrefix(eventName, payload);
        foreach (var connection in receivers)
        {
            connection.EnqueueEvent(prefix, null, dropIfSlow: true);
        }
    }

    private static void Send(IReadOnlyList<Connections.GatewayConnection> receivers, JsonObject payload)
    {
        var prefix = FrameWriter.EventPrefix(EventName, payload);
        foreach (var connection in receivers)
        {
            connection.EnqueueEvent(prefix, null, dropIfSlow: true);
        }
    }
}
