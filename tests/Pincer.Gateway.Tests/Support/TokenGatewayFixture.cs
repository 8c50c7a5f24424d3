namespace Pincer.Gateway.Tests.Support;

/// <summary>The gateway with auth mode <c>token</c>.</summary>
public sealed class TokenGatewayFixture() : GatewayFixture("token");
