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
    Task<(ModelAttempt Attempt, TimeSpan Delay)?> NextAsync(ModelAttempt failed, ProviderException error, int failures, CancellationToken cancellationToken);
}
