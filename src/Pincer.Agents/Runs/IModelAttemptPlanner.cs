using Pincer.Providers;

namespace Pincer.Agents.Runs;

/// <summary>
/// Decides what happens after a model call failed before anything streamed: the same model again (after a
/// wait), another credential, the next fallback model, or nothing (the run fails). The models layer owns the
/// policy (cooldowns, rotation, strict explicit choices); the run only asks.
/// </summary>
public interface IModelAttemptPlanner
{
    /// <returns>The next attempt and how long to wait before it, or null to give up with <paramref name="error"/>.</returns>
    Task<PlannedAttempt?> NextAsync(ModelAttempt failed, ProviderException error, int failures, CancellationToken cancellationToken);
}

/// <summary>The attempt to make next, after <paramref name="Delay"/>.</summary>
/// <param name="Retry">Set when this is a same-model retry: which one, of how many, and why.</param>
public sealed record PlannedAttempt(ModelAttempt Attempt, TimeSpan Delay, RetryStep? Retry = null);

/// <summary>Same-model retry <paramref name="Attempt"/> of <paramref name="MaxRetries"/>, for <paramref name="Reason"/> (failover reason name).</summary>
public sealed record RetryStep(int Attempt, int MaxRetries, string Reason);
