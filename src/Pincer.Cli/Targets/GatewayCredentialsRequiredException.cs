namespace Pincer.Cli.Targets;

/// <summary>Thrown before any socket opens when the target cannot be authenticated (reference type <c>gateway_credentials_required</c>).</summary>
internal sealed class GatewayCredentialsRequiredException(string message) : Exception(message);
