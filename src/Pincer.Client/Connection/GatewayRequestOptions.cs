using System.Text.Json.Nodes;

namespace Pincer.Client.Connection;

/// <summary>Per-request knobs.</summary>
public sealed record GatewayRequestOptions
{
    /// <summary>Overrides the client's default request timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Long-running methods (<c>agent</c>) first answer <c>{status:"accepted"}</c> and later send a
    /// second response with the same id; with this set we wait for that final one.
    /// </summary>
    public bool ExpectFinal { get; init; }

    /// <summary>Called once with the interim "accepted" payload when <see cref="ExpectFinal"/> is set.</summary>
    public Action<JsonNode?>? OnAccepted { get; init; }
}
