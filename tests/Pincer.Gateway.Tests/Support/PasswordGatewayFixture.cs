namespace Pincer.Gateway.Tests.Support;

/// <summary>The gateway with auth mode <c>password</c>.</summary>
public sealed class PasswordGatewayFixture() : GatewayFixture("password");
