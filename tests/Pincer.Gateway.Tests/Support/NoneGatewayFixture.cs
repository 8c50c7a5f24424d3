namespace Pincer.Gateway.Tests.Support;

/// <summary>The gateway with auth mode <c>none</c>.</summary>
public sealed class NoneGatewayFixture() : GatewayFixture("none");
