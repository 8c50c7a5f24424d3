namespace Pincer.Sessions.Lanes;

/// <summary>
/// What a normal inbound message does while its session already has an active run
/// (the reference's <c>messages.queue.mode</c> / <c>/queue</c> values).
/// </summary>
public enum QueueMode
{
    /// <summary>Inject into the active run at its next boundary; queue as a followup when the run cannot take it.</summary>
    Steer,

    /// <summary>Queue; each message becomes its own turn after the active run ends.</summary>
    Followup,

    /// <summary>Queue; compatible queued messages become one combined turn after the quiet window.</summary>
    Collect,

    /// <summary>Abort the active run, then run the newest message.</summary>
    Interrupt,
}
