namespace Pincer.Providers;

/// <summary>
/// Why a model call failed, in the reference's failover vocabulary (its <c>FailoverReason</c>):
/// the agent loop decides on retries, key rotation, cooldowns and fallbacks from this alone.
/// </summary>
public enum ProviderErrorKind
{
    /// <summary>Anything the classifier does not recognise; never retried.</summary>
    Unknown,

    /// <summary>Bad, missing or revoked credential (<c>auth</c>).</summary>
    Auth,

    /// <summary>Too many requests (<c>rate_limit</c>); may carry a retry-after.</summary>
    RateLimit,

    /// <summary>Out of credits or quota (<c>billing</c>).</summary>
    Billing,

    /// <summary>The provider is overloaded (<c>overloaded</c>).</summary>
    Overloaded,

    /// <summary>A 5xx or an in-stream server error (<c>server_error</c>).</summary>
    ServerError,

    /// <summary>The prompt does not fit the model's window (<c>context_overflow</c>): compact and retry.</summary>
    ContextOverflow,

    /// <summary>No answer in time, or the stream went idle (<c>timeout</c>).</summary>
    Timeout,

    /// <summary>The provider does not know the model (<c>model_not_found</c>).</summary>
    ModelNotFound,

    /// <summary>The stream ended without any content (<c>empty_response</c>).</summary>
    EmptyResponse,

    /// <summary>The request itself was refused as malformed (<c>format</c>); never retried.</summary>
    Format,
}
