using System.Text.Json.Nodes;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;
using Pincer.Gateway.Sessions.Write;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Agents;

/// <summary>
/// <c>session.message</c>: each committed, visible transcript entry of a session, projected as <c>chat.history</c>
/// shows it, with the session's row snapshot — to <c>sessions.subscribe</c> receivers and to the connections
/// subscribed to that session's messages.
/// </summary>
internal sealed class SessionMessagePublisher(SessionEventSubscribers subscribers, SessionChangePublisher changes, TimeProvider time)
{
    public const string EventName = "session.message";

    public void Appended(AgentStore store, string storeKey, SessionEntry session, StoredTranscriptEntry stored, long messageSeq, string? source, bool? senderIsOwner)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(stored);
        if (messageSeq == 0 || ChatHistoryMessage.Project(stored, messageSeq, source, int.MaxValue) is not { } message)
        {
            return;
        }

        var receivers = subscribers.MessageReceivers($"{store.AgentId}\0{storeKey}");
        if (receivers.Count == 0)
        {
            return;
        }

        var payload = new JsonObject { ["sessionKey"] = storeKey };
        if (senderIsOwner is { } owner)
        {
            payload["senderIsOwner"] = owner;
        }

        payload["agentId"] = store.AgentId;
        payload["message"] = message;
        payload["messageId"] = stored.Entry.Id;
        payload["messageSeq"] = messageSeq;
        payload["session"] = changes.Row(storeKey, store.AgentId, session, time.GetUtcNow().ToUnixTimeMilliseconds());
        SessionChangePublisher.Send(receivers, EventName, payload);
    }
}
