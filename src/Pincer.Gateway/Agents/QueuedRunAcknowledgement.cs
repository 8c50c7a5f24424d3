using Pincer.Gateway.Events;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Ends the run of a message another turn will answer (queued, collected or steered into a running turn), as the
/// reference acknowledges it: a bare chat <c>final</c>, and <c>agent.wait</c> answers ok with nothing answered.
/// </summary>
internal static class QueuedRunAcknowledgement
{
    public static void Acknowledge(EventBroadcaster broadcaster, TimeProvider time, ChatRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.IsEnded)
        {
            return;
        }

        using (var events = new RunEventPublisher(broadcaster, time, run))
        {
            events.Folded();
        }

        run.End(new ChatRunResult("ok", null, time.GetUtcNow().ToUnixTimeMilliseconds(), null, null));
    }
}
