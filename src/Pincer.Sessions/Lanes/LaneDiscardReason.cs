namespace Pincer.Sessions.Lanes;

/// <summary>Why a message left its lane without a turn of its own.</summary>
public enum LaneDiscardReason
{
    /// <summary>Dropped at the cap by the <c>old</c> policy, or forgotten because the overflow summary was full.</summary>
    QueueCap,

    /// <summary>Withdrawn by its run id (<c>chat.abort</c> with a <c>runId</c>).</summary>
    Cancelled,

    /// <summary>The session was aborted (<c>/stop</c>, <c>chat.abort</c> without a run id) before the message ran.</summary>
    SessionAborted,

    /// <summary>A newer interrupt-mode message replaced it before it started.</summary>
    Interrupted,

    /// <summary>The lanes shut down before it ran.</summary>
    Shutdown,
}
