namespace Pincer.Sessions.Lanes;

/// <summary>
/// Queue options that outrank config: either stored on the session entry by a standalone
/// <c>/queue</c> command (<c>queueMode</c>, <c>queueDebounceMs</c>, <c>queueCap</c>, <c>queueDrop</c>)
/// or given inline with one message. Raw values, normalized by <see cref="QueueSettingsResolver"/>.
/// </summary>
/// <param name="Mode">Mode as written; stored entries may still carry retired names (<c>queue</c>, <c>steer-backlog</c>).</param>
/// <param name="DebounceMs">Quiet window in milliseconds.</param>
/// <param name="Cap">Queue cap.</param>
/// <param name="Drop">Drop policy as written.</param>
public sealed record QueueOverrides(string? Mode = null, double? DebounceMs = null, double? Cap = null, string? Drop = null)
{
    /// <summary>No overrides.</summary>
    public static QueueOverrides None { get; } = new();
}
