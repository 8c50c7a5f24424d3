namespace Pincer.Agents.Runs.Events;

/// <summary>
/// The same model is called again after a transient failure, once <see cref="DelayMs"/> has passed: retry
/// <see cref="RetryAttempt"/> of <see cref="MaxRetries"/>, for <see cref="Reason"/> (a failover reason name).
/// </summary>
public sealed record AttemptRetrying(long AtMs, int RetryAttempt, int MaxRetries, long DelayMs, string Reason) : RunEvent(AtMs);
