using Pincer.Agents.Runs;
using Pincer.Providers;

namespace Pincer.Agents.Models;

/// <summary>
/// What to try after a model call failed before anything streamed, as the reference's failover controller does.
/// Transient failures (rate limit, overload, server error, timeout) first retry the same model with a jittered
/// exponential backoff (1 s doubling, capped at 30 s; the provider's retry-after or "try again in" hint is the
/// floor): up to 8 retries within a 90 s window, 9 once a rate limit was seen (rate limits are not bound by the
/// window). Then — for failures worth failing over — the next model of the fallback chain, with a fresh budget.
/// An explicitly chosen model has no chain. Requests that are wrong in themselves are never retried.
/// </summary>
public sealed class FallbackPlanner(IReadOnlyList<ModelAttempt> fallbacks, TimeProvider? time = null, Func<double>? random = null) : IModelAttemptPlanner
{
    public const int MaxTransientRetries = 8;

    public const int MaxRateLimitRetries = 9;

    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A rate limit asking for a longer wait than this goes straight to the fallback, when there is one.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private int _next;
    private int _retries;
    private bool _rateLimitSeen;
    private DateTimeOffset? _windowStart;

    public Task<PlannedAttempt?> NextAsync(ModelAttempt failed, ProviderException error, int failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(error);
        if (RetryDelay(error) is { } delay)
        {
            _retries++;
            var budget = Budget(error.Kind == ProviderErrorKind.RateLimit);
            return Task.FromResult<PlannedAttempt?>(new PlannedAttempt(failed, delay, new RetryStep(_retries, budget, FailoverNames.Reason(error.Kind))));
        }

        if (!FailsOver(error.Kind) || _next >= fallbacks.Count)
        {
            return Task.FromResult<PlannedAttempt?>(null);
        }

        // Each model of the chain gets its own recovery budget.
        _retries = 0;
        _rateLimitSeen = false;
        _windowStart = null;
        return Task.FromResult<PlannedAttempt?>(new PlannedAttempt(fallbacks[_next++], TimeSpan.Zero));
    }

    /// <summary>The wait before retrying the same model, or null when this failure is not retried there.</summary>
    private TimeSpan? RetryDelay(ProviderException error)
    {
        if (error.Kind is not (ProviderErrorKind.RateLimit or ProviderErrorKind.Overloaded or ProviderErrorKind.ServerError or ProviderErrorKind.Timeout))
        {
            return null;
        }

        var rateLimit = error.Kind == ProviderErrorKind.RateLimit;
        var floor = Max(error.RetryAfter, RetryHints.FromMessage(error.Message)) ?? TimeSpan.Zero;
        if (rateLimit && _next < fallbacks.Count && floor > MaxRetryDelay)
        {
            return null;
        }

        _rateLimitSeen |= rateLimit;
        if (_retries >= Budget(rateLimit))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var windowStart = _windowStart ?? now;
        _windowStart = windowStart;
        var exponential = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, _retries));
        var jittered = Math.Min(MaxBackoff.TotalMilliseconds, Math.Round(exponential * (0.5 + _random())));
        var delay = TimeSpan.FromMilliseconds(Math.Max(jittered, Math.Ceiling(floor.TotalMilliseconds)));
        if (!rateLimit && delay > RetryWindow - (now - windowStart))
        {
            return null;
        }

        return delay;
    }

    private int Budget(bool rateLimit) => Math.Min(rateLimit ? MaxRateLimitRetries : MaxTransientRetries, _rateLimitSeen ? MaxRateLimitRetries : int.MaxValue);

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The reference's failover-worthy reasons.</summary>
    public static bool FailsOver(ProviderErrorKind kind) => kind is ProviderErrorKind.RateLimit or ProviderErrorKind.Overloaded or ProviderErrorKind.Timeout
        or ProviderErrorKind.ServerError or ProviderErrorKind.Billing or ProviderErrorKind.Auth or ProviderErrorKind.ModelNotFound or ProviderErrorKind.EmptyResponse;
}
