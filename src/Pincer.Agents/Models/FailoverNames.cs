using Pincer.Providers;

namespace Pincer.Agents.Models;

/// <summary>The reference's names for a failure: its failover reason and its provider runtime failure kind.</summary>
public static class FailoverNames
{
    public static string Reason(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.Auth => "auth",
        ProviderErrorKind.RateLimit => "rate_limit",
        ProviderErrorKind.Billing => "billing",
        ProviderErrorKind.Overloaded => "overloaded",
        ProviderErrorKind.ServerError => "server_error",
        ProviderErrorKind.ContextOverflow => "context_overflow",
        ProviderErrorKind.Timeout => "timeout",
        ProviderErrorKind.ModelNotFound => "model_not_found",
        ProviderErrorKind.EmptyResponse => "empty_response",
        ProviderErrorKind.Format => "format",
        _ => "unknown",
    };

    /// <summary>
    /// How the reference files the failure for its runtime copy: rate limits and missing models by name, the
    /// transport-shaped ones (timeouts, overloads, HTTP 5xx) as <c>timeout</c>.
    /// </summary>
    public static string RuntimeFailureKind(ProviderErrorKind kind, int? status) => kind switch
    {
        ProviderErrorKind.RateLimit => "rate_limit",
        ProviderErrorKind.ModelNotFound => "model_not_found",
        ProviderErrorKind.EmptyResponse => "empty_response",
        ProviderErrorKind.Auth when status == 401 => "auth_invalid_token",
        ProviderErrorKind.Timeout or ProviderErrorKind.Overloaded or ProviderErrorKind.ServerError => "timeout",
        _ when status >= 500 => "timeout",
        _ => "unclassified",
    };
}
