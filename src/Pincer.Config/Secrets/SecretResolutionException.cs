namespace Pincer.Config.Secrets;

/// <summary>
/// A SecretRef could not be resolved. <see cref="Code"/> mirrors the reference's codes
/// (<c>SECRET_PROVIDER_NOT_CONFIGURED</c>, <c>SECRET_PROVIDER_INVALID</c>, <c>SECRET_PROVIDER_UNAVAILABLE</c>,
/// <c>SECRET_REF_NOT_FOUND</c>, <c>SECRET_REF_INVALID</c>, <c>SECRET_REF_POLICY_DENIED</c>,
/// <c>SECRET_REF_PROVIDER_ERROR</c>, <c>SECRET_REF_PROVIDER_CONTRACT</c>); <see cref="RefId"/> is set
/// when only one id failed rather than the whole provider.
/// </summary>
public sealed class SecretResolutionException : Exception
{
    public SecretResolutionException()
        : this("SECRET_PROVIDER_UNAVAILABLE", "", "", null, "Secret resolution failed.")
    {
    }

    public SecretResolutionException(string message)
        : this("SECRET_PROVIDER_UNAVAILABLE", "", "", null, message)
    {
    }

    public SecretResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "SECRET_PROVIDER_UNAVAILABLE";
        SecretSource = "";
        Provider = "";
    }

    public SecretResolutionException(string code, string source, string provider, string? refId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        SecretSource = source;
        Provider = provider;
        RefId = refId;
    }

    public string Code { get; }

    public string SecretSource { get; }

    public string Provider { get; }

    public string? RefId { get; }

    /// <summary><c>provider</c> when the whole provider failed, <c>ref</c> when one id did.</summary>
    public string Scope => RefId is null ? "provider" : "ref";

    internal static SecretResolutionException ForProvider(string source, string provider, string message, string code = "SECRET_PROVIDER_UNAVAILABLE", Exception? inner = null) =>
        new(code, source, provider, null, message, inner);

    internal static SecretResolutionException ForRef(string code, string source, string provider, string refId, string message) =>
        new(code, source, provider, refId, message);
}
