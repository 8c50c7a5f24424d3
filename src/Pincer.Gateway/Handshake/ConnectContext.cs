using System.Net;

namespace Pincer.Gateway.Handshake;

/// <summary>What the transport knows about the peer when <c>connect</c> arrives.</summary>
internal sealed record ConnectContext(
    string ConnId,
    string Nonce,
    IPAddress? RemoteAddress,
    bool IsDirectLoopback,
    string? Origin,
    IReadOnlyDictionary<string, string> Headers);
