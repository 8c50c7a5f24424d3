namespace Pincer.Sessions.Lanes;

/// <summary>
/// Runs the turns a lane schedules (the agent run loop) and hears what became of messages that never ran.
/// Implemented by the layer that owns agent runs; lanes know nothing of models or channels.
/// </summary>
public interface ILaneRunner
{
    /// <summary>
    /// Runs one turn to completion. Called at most once at a time per session. <paramref name="cancellationToken"/>
    /// is <see cref="ActiveRun.Cancellation"/>; throwing <see cref="OperationCanceledException"/> after it fires is
    /// a normal end.
    /// </summary>
    Task RunAsync(LaneTurn turn, ActiveRun run, CancellationToken cancellationToken);

    /// <summary>A message left the lane without running: dropped at the cap, withdrawn, interrupted, or shut down.</summary>
    void OnDiscarded(string sessionKey, LaneMessage message, LaneDiscardReason reason)
    {
    }

    /// <summary><see cref="RunAsync"/> threw something other than its own cancellation. The lane carries on.</summary>
    void OnRunFaulted(string sessionKey, LaneTurn turn, Exception error)
    {
    }
}
