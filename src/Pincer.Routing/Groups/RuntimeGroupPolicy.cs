namespace Pincer.Routing.Groups;

/// <summary>
/// The effective <c>groupPolicy</c> of a channel runtime, and whether it came from the fail-closed default
/// for a channel with no config section at all.
/// </summary>
public sealed record RuntimeGroupPolicy(string GroupPolicy, bool ProviderMissingFallbackApplied)
{
    public const string Open = "open";
    public const string Allowlist = "allowlist";
    public const string Disabled = "disabled";

    /// <summary>
    /// Configured channels fall back to <c>channels.defaults.groupPolicy</c>, then to
    /// <paramref name="configuredFallbackPolicy"/> (<c>open</c> for most channels, <c>allowlist</c> for strict
    /// ones); a channel without config uses its own value or <paramref name="missingProviderFallbackPolicy"/>.
    /// </summary>
    public static RuntimeGroupPolicy Resolve(
        bool providerConfigPresent,
        string? groupPolicy,
        string? defaultGroupPolicy,
        string configuredFallbackPolicy = Open,
        string missingProviderFallbackPolicy = Allowlist)
        => new(
            providerConfigPresent ? groupPolicy ?? defaultGroupPolicy ?? configuredFallbackPolicy : groupPolicy ?? missingProviderFallbackPolicy,
            !providerConfigPresent && groupPolicy is null);
}
