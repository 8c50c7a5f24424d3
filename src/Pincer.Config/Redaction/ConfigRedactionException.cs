namespace Pincer.Config.Redaction;

/// <summary>
/// A write carried the redaction sentinel somewhere it cannot be turned back into the stored value.
/// <see cref="Exception.Message"/> is the reference's client-facing text (send it as the
/// INVALID_REQUEST error message of config.set/patch/apply).
/// </summary>
public sealed class ConfigRedactionException : Exception
{
    public ConfigRedactionException(string message)
        : base(message)
    {
    }

    public ConfigRedactionException()
        : base("invalid config")
    {
    }

    public ConfigRedactionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
