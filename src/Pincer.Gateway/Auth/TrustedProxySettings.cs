namespace Pincer.Gateway.Auth;

/// <summary><c>gateway.auth.trustedProxy</c>: which header names the user and what else must be present.</summary>
internal sealed record TrustedProxySettings(
    string UserHeader,
    IReadOnlyList<string> RequiredHeaders,
    IReadOnlyList<string> AllowUsers,
    bool AllowLoopback);
