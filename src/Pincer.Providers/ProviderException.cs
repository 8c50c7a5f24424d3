namespace Pincer.Providers;

/// <summary>
/// The one failure a provider client throws from <c>GetResponseAsync</c>/<c>GetStreamingResponseAsync</c>:
/// an HTTP error answer, an error event inside the stream, or a broken/idle connection, classified.
/// Cancellation is not a failure: it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderException(ProviderErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public ProviderErrorKind Kind { get; }

    /// <summary>The HTTP status, when the failure was an HTTP answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's retry-after (header or body), when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when some content had already streamed before the failure (no silent failover then).</summary>
    public bool AfterFirstToken { get; init; }
}
