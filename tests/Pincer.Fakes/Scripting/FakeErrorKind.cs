namespace Pincer.Fakes.Scripting;

/// <summary>Failures every provider can return; each wire renders them with that provider's real status and body.</summary>
public enum FakeErrorKind
{
    /// <summary>Bad or revoked API key (401, or Gemini's 400 API_KEY_INVALID).</summary>
    InvalidKey,

    /// <summary>429 with a retry-after header.</summary>
    RateLimit,

    /// <summary>A plain 500.</summary>
    ServerError,

    /// <summary>Anthropic's 529 overloaded_error; 503 elsewhere.</summary>
    Overloaded,

    /// <summary>Out of credits / quota.</summary>
    Billing,

    /// <summary>The prompt is longer than the model's context window.</summary>
    ContextOverflow,
}
