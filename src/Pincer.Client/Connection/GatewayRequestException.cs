using Pincer.Protocol.Errors;

namespace Pincer.Client.Connection;

/// <summary>
/// The gateway answered <c>ok:false</c> (to <c>connect</c> or to a request). Carries the wire
/// <c>ErrorShape</c> untouched, so callers branch on <c>Error.Code</c> / <c>details.code</c>.
/// </summary>
public sealed class GatewayRequestException : Exception
{
    public GatewayRequestException(string method, RpcError error)
        : base(error.Message)
    {
        Method = method;
        Error = error;
    }

    public string Method { get; }

    public RpcError Error { get; }

    /// <summary>The reference's CLI reports <c>retryable:false</c> when the server omitted the flag.</summary>
    public bool Retryable => Error.Retryable ?? false;
}
