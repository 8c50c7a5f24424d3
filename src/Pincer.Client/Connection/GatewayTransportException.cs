namespace Pincer.Client.Connection;

/// <summary>
/// The connection failed underneath the protocol: refused, closed (with the server's close code
/// and reason when there was one), or timed out.
/// </summary>
public sealed class GatewayTransportException : Exception
{
    public GatewayTransportException(GatewayTransportErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public GatewayTransportErrorKind Kind { get; }

    /// <summary>WebSocket close status the server sent (1008, 1012, 4001, …), when the socket closed.</summary>
    public int? CloseCode { get; init; }

    public string? CloseReason { get; init; }

    /// <summary>For timeouts: how long we waited.</summary>
    public long? TimeoutMs { get; init; }

    /// <summary>Socket-level error name in the reference's terms (ECONNREFUSED, …) when known.</summary>
    public string? SocketCode { get; init; }

    public string KindName => Kind == GatewayTransportErrorKind.Timeout ? "timeout" : "closed";
}
