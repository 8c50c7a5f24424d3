using System.Text.Json.Nodes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// What an abort keeps of a reply that was streaming: the text so far, as a gateway-authored assistant message
/// (provider <c>openclaw</c>, model <c>gateway-injected</c>, zero usage) marked with who stopped which run, the way
/// the reference's <c>chat.abort</c> records it. The model's own unfinished reply is not committed.
/// </summary>
internal static class AbortedPartialMessage
{
    /// <returns>The message, or null when nothing visible had streamed.</returns>
    public static JsonObject? Build(string runId, string partialText, string origin, long timestampMs)
    {
        if (partialText.Trim().Length == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = partialText }),
            ["timestamp"] = timestampMs,
            ["stopReason"] = "stop",
            ["usage"] = new JsonObject
            {
                ["input"] = 0, ["output"] = 0, ["cacheRead"] = 0, ["cacheWrite"] = 0, ["totalTokens"] = 0,
                ["cost"] = new JsonObject { ["input"] = 0, ["output"] = 0, ["cacheRead"] = 0, ["cacheWrite"] = 0, ["total"] = 0 },
            },
            ["api"] = "openai-responses",
            ["provider"] = "openclaw",
            ["model"] = "gateway-injected",
            ["idempotencyKey"] = runId + ":assistant",
            ["openclawAbort"] = new JsonObject { ["aborted"] = true, ["origin"] = origin, ["runId"] = runId },
            ["__openclaw"] = new JsonObject { ["runId"] = runId },
        };
    }
}
