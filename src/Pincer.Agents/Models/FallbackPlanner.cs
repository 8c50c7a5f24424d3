using Pincer.Agents.Runs;
using Pincer.Providers;

namespace Pincer.Agents.Models;

/// <summary>
/// What to try after a model call failed before anything streamed: a rate-limited model is retried after its
/// retry-after (capped), then — for failures worth failing over — the next model of the fallback chain. An
/// explicitly chosen model has no chain. Requests that are wrong in themselves are never retried.
/// </summary>
public sealed class FallbackPlanner(IReadOnlyList<ModelAttempt> fallbacks) : IModelAttemptPlanner
{
    /// <summary>Same-model retries of a rate-limited call before moving on.</summary>
    public const int RateLimitRetries = 2;

    /// <summary>The longest retry-after honoured in-turn.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private int _next;
    private int _sameModel;

    public Task<(ModelAttempt Attempt, TimeSpan Delay)?> NextAsync(ModelAttempt failed, ProviderException error, int failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind == ProviderErrorKind.RateLimit && _sameModel < RateLimitRetries && error.RetryAfter is { } wait && wait <= MaxRetryDelay)
        {
            _sameModel++;
            return Task.FromResult<(ModelAttempt, TimeSpan)?>((failed, wait));
        }

        if (!FailsOver(error.Kind) || _next >= fallbacks.Count)
        {
            return Task.FromResult<(ModelAttempt, TimeSpan)?>(null);
        }

        _sameModel = 0;
        return Task.FromResult<(ModelAttempt, TimeSpan)?>((fallbacks[_next++], TimeSpan.Zero));
    }

    /// <summary>The reference's failover-worthy reasons.</summary>
    public static bool FailsOver(ProviderErrorKind kind) => kind is ProviderErrorKind.RateLimit or ProviderErrorKind.Overloaded or ProviderErrorKind.Timeout
        or ProviderErrorKind.ServerError or ProviderErrorKind.Billing or ProviderErrorKind.Auth or ProviderErrorKind.ModelNotFound or ProviderErrorKind.EmptyResponse;
}
