namespace Pincer.Agents.Runs.Events;

/// <summary>
/// A model call failed before anything streamed and the run will try again (same model or a fallback): the
/// reference reports it as a lifecycle <c>finishing</c> phase with the error, its classification and a blocked
/// liveness. <see cref="FailoverReason"/> and <see cref="RuntimeFailureKind"/> use the reference's names.
/// </summary>
public sealed record AttemptFailed(long AtMs, string Provider, string Model, string Error, string FailoverReason, string RuntimeFailureKind) : RunEvent(AtMs);
