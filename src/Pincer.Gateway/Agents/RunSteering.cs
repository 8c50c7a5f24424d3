using Microsoft.Extensions.AI;
using Pincer.Agents.Prompting;
using Pincer.Agents.Runs;
using Pincer.Agents.Runs.Events;
using Pincer.Gateway.Events;
using Pincer.Gateway.Sessions;
using Pincer.Sessions.Lanes;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Steer-mode messages fed into the running turn, as the reference takes them after a reply: each sender's run is
/// acknowledged (its bare final; agent.wait ok), the held live text goes out, and each message is committed as a
/// user entry naming the run it steered, then sent to the model with its timestamp envelope and nothing more.
/// </summary>
internal sealed class RunSteering(ActiveRun lane, ChatRun target, AgentStore store, string sessionId, RunEventPublisher publisher, EventBroadcaster broadcaster, TimeProvider time)
    : IRunSteering
{
    public async Task<(IReadOnlyList<ChatMessage> Prompts, string? Leaf)> TakeAsync(string? leaf, IRunEventSink events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var taken = lane.TakeSteering();
        if (taken.Count == 0)
        {
            return ([], leaf);
        }

        var prompts = new List<ChatMessage>();
        foreach (var message in taken)
        {
            if (message.Payload is not TurnInput input)
            {
                continue;
            }

            QueuedRunAcknowledgement.Acknowledge(broadcaster, time, input.Run);
            var now = time.GetUtcNow();
            var user = TurnSessions.UserMessage(input, message.Text, input.Run.AcceptedAtMs, input.IdempotencyKey + ":user", target.RunId);
            var entry = TranscriptEntry.CreateMessage(Guid.NewGuid().ToString(), leaf, now, user);
            await store.Transcripts.AppendAsync(target.SessionKey, sessionId, [entry], CancellationToken.None).ConfigureAwait(false);
            events.Emit(new TranscriptAppended(now.ToUnixTimeMilliseconds(), entry));
            leaf = entry.Id;
            var sent = DateTimeOffset.FromUnixTimeMilliseconds(input.Run.AcceptedAtMs);
            prompts.Add(new ChatMessage(ChatRole.User, UserEnvelope.Wrap(message.Text, sent, TurnConversation.Zone, runtimeLine: null)));
        }

        if (prompts.Count > 0)
        {
            publisher.FlushLiveText();
        }

        return (prompts, leaf);
    }
}
