using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Pincer.Providers;

/// <summary>
/// Classifies a provider's error answer the way the reference's failover does: by the message first (context
/// overflow, credentials, quota texts are recognisable whatever the status), then by the HTTP status.
/// </summary>
public static class ProviderErrorClassifier
{
    private static readonly string[] ContextOverflow =
    [
        "maximum context length", "context_length_exceeded", "context window", "prompt is too long", "too many tokens",
        "exceeds the maximum number of tokens", "input is too long", "reduce the length of the messages",
        "prompt too long", "exceeded max context length",
    ];

    private static readonly string[] AuthTexts = ["invalid api key", "incorrect api key", "invalid x-api-key", "api_key_invalid", "api key not valid", "authentication"];

    private static readonly string[] BillingTexts = ["credit balance", "insufficient_quota", "exceeded your current quota", "billing", "payment required"];

    public static ProviderErrorKind Classify(int status, string? message)
    {
        var text = (message ?? "").ToLowerInvariant();
        if (ContextOverflow.Any(text.Contains))
        {
            return ProviderErrorKind.ContextOverflow;
        }

        if (status == 429)
        {
            return ProviderErrorKind.RateLimit;
        }

        if (status is 401 or 403 || AuthTexts.Any(text.Contains))
        {
            return ProviderErrorKind.Auth;
        }

        if (status == 402 || BillingTexts.Any(text.Contains))
        {
            return ProviderErrorKind.Billing;
        }

        if (status == 529 || text.Contains("overloaded", StringComparison.Ordinal))
        {
            return ProviderErrorKind.Overloaded;
        }

        if (status == 404 && text.Contains("model", StringComparison.Ordinal))
        {
            return ProviderErrorKind.ModelNotFound;
        }

        if (status is 408 or 504)
        {
            return ProviderErrorKind.Timeout;
        }

        if (status >= 500)
        {
            return ProviderErrorKind.ServerError;
        }

        return status is 400 or 422 ? ProviderErrorKind.Format : ProviderErrorKind.Unknown;
    }

    /// <summary>The <c>retry-after-ms</c> / <c>retry-after</c> (seconds or HTTP date) of an answer.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var ms) && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta)
            {
                return delta;
            }

            if (retry.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>The failure for an HTTP error answer whose body text is <paramref name="message"/>.</summary>
    public static ProviderException FromResponse(HttpStatusCode status, string message, TimeSpan? retryAfter) =>
        new(Classify((int)status, message), message, (int)status, retryAfter);
}
