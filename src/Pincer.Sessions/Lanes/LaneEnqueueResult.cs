namespace Pincer.Sessions.Lanes;

/// <summary>What a lane did with an offered message.</summary>
public enum LaneEnqueueResult
{
    /// <summary>The session was idle: the message is the next turn.</summary>
    Started,

    /// <summary>Handed to the active run for its next boundary.</summary>
    Steered,

    /// <summary>Waiting in the session queue for a later turn.</summary>
    Queued,

    /// <summary>The active run is being aborted; the message runs next.</summary>
    Interrupting,

    /// <summary>Refused: the same message id and route is already waiting.</summary>
    Duplicate,

    /// <summary>Refused: the queue is at its cap and the policy is <c>new</c>.</summary>
    QueueFull,

    /// <summary>Refused: the lanes are shutting down.</summary>
    Closed,
}
