namespace Pincer.Sessions.Lanes;

/// <summary>How full one global lane is.</summary>
/// <param name="Lane">Which lane.</param>
/// <param name="Active">Runs holding a slot.</param>
/// <param name="Waiting">Session turns waiting for a slot.</param>
/// <param name="Limit">The configured limit.</param>
public sealed record GlobalLaneSnapshot(GlobalLane Lane, int Active, int Waiting, int Limit);
