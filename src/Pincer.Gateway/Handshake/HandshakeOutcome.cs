using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Handshake;

/// <summary>
/// How a connect attempt ends: hello-ok, or an error response (optional — some failures close
/// silently) followed by a close code and reason.
/// </summary>
internal sealed record HandshakeOutcome(JsonObject? HelloOk, RpcError? Error, int CloseCode, string CloseReason)
{
    public static HandshakeOutcome Accept(JsonObject hello) => new(hello, null, 0, "");

    public static HandshakeOutcome Reject(RpcError error, int closeCode = 1008, string? reason = null) =>
        new(null, error, closeCode, reason ?? error.Message);

    public static HandshakeOutcome CloseSilently(int closeCode, string reason) => new(null, null, closeCode, reason);
}
