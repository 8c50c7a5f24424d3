namespace Pincer.Sessions.Lanes;

/// <summary>What happens when a session's queue is at its cap (<c>messages.queue.drop</c>).</summary>
public enum QueueDropPolicy
{
    /// <summary>Drop the oldest queued messages without a trace.</summary>
    Old,

    /// <summary>Reject the incoming message.</summary>
    New,

    /// <summary>Drop the oldest queued messages but deliver a compact summary of them as a synthetic turn.</summary>
    Summarize,
}
