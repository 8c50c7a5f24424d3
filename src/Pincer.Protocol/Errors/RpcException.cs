namespace Pincer.Protocol.Errors;

/// <summary>
/// Thrown by a method handler when the request fails in an expected way; the dispatcher turns it
/// into an error response. Carries the reference's error shape, so handlers never format frames.
/// </summary>
public sealed class RpcException(RpcError error) : Exception(error.Message)
{
    public RpcError Error { get; } = error;

    /// <summary>A payload sent beside the error (the reference's failed <c>agent</c> run reports its summary so).</summary>
    public System.Text.Json.Nodes.JsonNode? Payload { get; init; }
}
