using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Pincer.Protocol.Errors;

/// <summary>The wire <c>ErrorShape</c>: <c>{code, message, details?, retryable?, retryAfterMs?}</c>.</summary>
public sealed record RpcError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message)
{
    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Details { get; init; }

    [JsonPropertyName("retryable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Retryable { get; init; }

    [JsonPropertyName("retryAfterMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RetryAfterMs { get; init; }

    public static RpcError InvalidRequest(string message, JsonNode? details = null) =>
        new(ErrorCodes.InvalidRequest, message) { Details = details };

    public static RpcError UnknownMethod(string method) => InvalidRequest($"unknown method: {method}");

    public static RpcError MissingScope(string scope) => new(ErrorCodes.Forbidden, $"missing scope: {scope}")
    {
        Details = new JsonObject
        {
            ["code"] = "MISSING_SCOPE",
            ["missingScope"] = scope,
            ["requiredScopes"] = new JsonArray(scope),
        },
    };

    public static RpcError Unavailable(string message) => new(ErrorCodes.Unavailable, message);
}
