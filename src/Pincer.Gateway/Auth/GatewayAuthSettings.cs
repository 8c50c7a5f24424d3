namespace Pincer.Gateway.Auth;

/// <summary>The resolved <c>gateway.auth</c> block the handshake checks against.</summary>
internal sealed record GatewayAuthSettings(
    string Mode,
    string? Token,
    string? Password,
    TrustedProxySettings? TrustedProxy,
    IReadOnlyList<string> TrustedProxies,
    bool RateLimitExemptLoopback = true,
    int RateLimitMaxAttempts = 10,
    int RateLimitWindowMs = 60_000,
    int RateLimitLockoutMs = 300_000);
