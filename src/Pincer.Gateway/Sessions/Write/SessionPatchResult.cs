using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>A patch applied (the next entry) or refused (the reference's error).</summary>
internal sealed record SessionPatchResult(JsonObject? Entry, RpcError? Error)
{
    /// <summary>Whether the reference would have consulted its model catalog (thinking/model/context-window fields).</summary>
    public bool UsedModelCatalog { get; init; }

    public static SessionPatchResult Invalid(string message) => new(null, RpcError.InvalidRequest(message));

    public static SessionPatchResult Ok(JsonObject entry, bool usedCatalog) => new(entry, null) { UsedModelCatalog = usedCatalog };
}
