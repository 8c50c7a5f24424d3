namespace Pincer.Client.Connection;

/// <summary>The reference's <c>GatewayTransportError.kind</c>.</summary>
public enum GatewayTransportErrorKind
{
    /// <summary>Socket refused, reset or closed before the answer arrived.</summary>
    Closed,

    /// <summary>No hello-ok / response within the allowed time.</summary>
    Timeout,
}
