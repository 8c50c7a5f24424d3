namespace Pincer.Sessions.Lanes;

/// <summary>The effective queue behaviour for one inbound message.</summary>
/// <param name="Mode">What the message does when the session is busy.</param>
/// <param name="DebounceMs">Quiet window, in milliseconds, before queued followups or a collect batch drain.</param>
/// <param name="Cap">Most messages the session queue holds before <paramref name="Drop"/> applies (at least 1).</param>
/// <param name="Drop">Overflow policy.</param>
public sealed record QueueSettings(QueueMode Mode, double DebounceMs, int Cap, QueueDropPolicy Drop)
{
    /// <summary>Built-in quiet window (the reference's 500 ms).</summary>
    public const double DefaultDebounceMs = 500;

    /// <summary>Built-in queue cap.</summary>
    public const int DefaultCap = 20;

    /// <summary>The settings an unconfigured session gets: steer, 500 ms, cap 20, summarize.</summary>
    public static QueueSettings Default { get; } = new(QueueMode.Steer, DefaultDebounceMs, DefaultCap, QueueDropPolicy.Summarize);

    internal TimeSpan Debounce => TimeSpan.FromMilliseconds(Math.Max(0, DebounceMs));
}
