using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>OpenAI Chat Completions: `POST /v1/chat/completions`, JSON or SSE chunks ending in `data: [DONE]`.</summary>
internal sealed class OpenAiChatWire : IWireFormat
{
    public FakeApi Api => FakeApi.OpenAiCompletions;

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool Matches(string path) => path.EndsWith("/chat/completions", StringComparison.Ordinal);

    public bool IsStreaming(string path, JsonNode? body) => (bool?)body?["stream"] == true;

    public string? ModelOf(string path, JsonNode? body) => (string?)body?["model"];

    public JsonNode Complete(FakeReply reply, WireContext context)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text ?? (reply.ToolCalls.Count > 0 ? null : ""), ["refusal"] = null };
        if (reply.Thinking is not null)
        {
            message["reasoning_content"] = reply.Thinking;
        }

        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = CallId(call, context, i),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            }).ToArray());
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-" + context.Id,
            ["object"] = "chat.completion",
            ["created"] = context.Created,
            ["model"] = context.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(reply),
            }),
            ["usage"] = Usage(reply.Usage),
            ["system_fingerprint"] = "fp_fake",
        };
    }

    public IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context)
    {
        var includeUsage = (bool?)context.Body?["stream_options"]?["include_usage"] == true;
        yield return Chunk(context, new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null, includeUsage);
        foreach (var piece in TextChunks.Split(reply.Thinking ?? "", reply.Chunks))
        {
            yield return Chunk(context, new JsonObject { ["reasoning_content"] = piece }, null, includeUsage, isContent: true);
        }

        foreach (var piece in TextChunks.Split(reply.Text ?? "", reply.Chunks))
        {
            yield return Chunk(context, new JsonObject { ["content"] = piece }, null, includeUsage, isContent: true);
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            // The first delta of a call carries id and name with empty arguments; the rest only argument pieces.
            yield return Chunk(context, ToolDelta(i, new JsonObject { ["name"] = call.Name, ["arguments"] = "" }, CallId(call, context, i)), null, includeUsage, isContent: true);
            foreach (var piece in TextChunks.Split(call.ArgumentsJson, reply.Chunks))
            {
                yield return Chunk(context, ToolDelta(i, new JsonObject { ["arguments"] = piece }, null), null, includeUsage, isContent: true);
            }
        }

        yield return Chunk(context, new JsonObject(), FinishReason(reply), includeUsage);
        if (includeUsage)
        {
            var last = Envelope(context, new JsonArray());
            last["usage"] = Usage(reply.Usage);
            yield return WireFrame.Data(last.ToJsonString());
        }

        yield return WireFrame.Data("[DONE]");
    }

    public WireError Error(FakeReply reply, WireContext context) => OpenAiErrors.For(reply);

    // Mid-stream failures arrive as a data event holding the error envelope, as OpenAI sends them.
    public WireFrame StreamError(FakeReply reply, WireContext context) => WireFrame.Data(OpenAiErrors.For(reply).Body.ToJsonString());

    internal static JsonObject Usage(FakeUsage usage) => new()
    {
        ["prompt_tokens"] = usage.Input + usage.CacheRead,
        ["completion_tokens"] = usage.Output,
        ["total_tokens"] = usage.Input + usage.CacheRead + usage.Output,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CacheRead, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.Reasoning, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
    };

    private static string FinishReason(FakeReply reply) => reply.StopReason ?? (reply.ToolCalls.Count > 0 ? "tool_calls" : "stop");

    private static string CallId(FakeToolCall call, WireContext context, int index) => call.Id ?? $"call_{context.Id}_{index}";

    private static JsonObject ToolDelta(int index, JsonObject function, string? id)
    {
        var call = new JsonObject { ["index"] = index };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        call["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    private static WireFrame Chunk(WireContext context, JsonObject delta, string? finishReason, bool includeUsage, bool isContent = false)
    {
        var chunk = Envelope(context, new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }));
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return WireFrame.Data(chunk.ToJsonString(), isContent);
    }

    private static JsonObject Envelope(WireContext context, JsonArray choices) => new()
    {
        ["id"] = "chatcmpl-" + context.Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = context.Created,
        ["model"] = context.Model,
        ["system_fingerprint"] = "fp_fake",
        ["choices"] = choices,
    };
}
