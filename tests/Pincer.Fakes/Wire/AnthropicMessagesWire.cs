using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>Anthropic Messages: `POST /v1/messages`, JSON or SSE (message_start, content blocks, message_delta, message_stop).</summary>
internal sealed class AnthropicMessagesWire : IWireFormat
{
    public const string FakeSignature = "ZmFrZS10aGlua2luZy1zaWduYXR1cmU=";

    public FakeApi Api => FakeApi.AnthropicMessages;

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool Matches(string path) => path.EndsWith("/messages", StringComparison.Ordinal) && !path.EndsWith("/count_tokens", StringComparison.Ordinal);

    public bool IsStreaming(string path, JsonNode? body) => (bool?)body?["stream"] == true;

    public string? ModelOf(string path, JsonNode? body) => (string?)body?["model"];

    public JsonNode Complete(FakeReply reply, WireContext context)
    {
        var message = Message(context, reply.Usage, final: true);
        message["content"] = new JsonArray(Blocks(reply, context).Select(b => (JsonNode)b).ToArray());
        message["stop_reason"] = StopReason(reply);
        return message;
    }

    public IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context)
    {
        yield return Event("message_start", new JsonObject { ["message"] = Message(context, reply.Usage, final: false) });
        yield return Event("ping", new JsonObject());
        var index = 0;
        foreach (var block in Blocks(reply, context))
        {
            var type = (string)block["type"]!;
            var start = block.DeepClone().AsObject();
            switch (type)
            {
                case "thinking":
                    start["thinking"] = "";
                    start["signature"] = "";
                    yield return Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = start });
                    foreach (var piece in TextChunks.Split((string)block["thinking"]!, reply.Chunks))
                    {
                        yield return Delta(index, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece });
                    }

                    yield return Delta(index, new JsonObject { ["type"] = "signature_delta", ["signature"] = (string)block["signature"]! }, isContent: false);
                    break;
                case "text":
                    start["text"] = "";
                    yield return Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = start });
                    foreach (var piece in TextChunks.Split((string)block["text"]!, reply.Chunks))
                    {
                        yield return Delta(index, new JsonObject { ["type"] = "text_delta", ["text"] = piece });
                    }

                    break;
                case "tool_use":
                    start["input"] = new JsonObject();
                    yield return Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = start });
                    var arguments = block["input"]!.ToJsonString();
                    // The API's first input_json_delta of a block is often empty; clients must cope.
                    yield return Delta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = "" });
                    foreach (var piece in TextChunks.Split(arguments, reply.Chunks))
                    {
                        yield return Delta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece });
                    }

                    break;
            }

            yield return Event("content_block_stop", new JsonObject { ["index"] = index });
            index++;
        }

        yield return Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(reply), ["stop_sequence"] = null },
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = reply.Usage.Input,
                ["cache_creation_input_tokens"] = reply.Usage.CacheWrite,
                ["cache_read_input_tokens"] = reply.Usage.CacheRead,
                ["output_tokens"] = reply.Usage.Output,
            },
        });
        yield return Event("message_stop", new JsonObject());
    }

    public WireError Error(FakeReply reply, WireContext context)
    {
        var kind = reply.Error ?? FakeErrorKind.ServerError;
        var (status, type, message) = Describe(kind);
        var headers = new Dictionary<string, string> { ["request-id"] = "req_" + context.Id };
        if (kind == FakeErrorKind.RateLimit)
        {
            headers["retry-after"] = reply.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            headers["anthropic-ratelimit-requests-limit"] = "50";
            headers["anthropic-ratelimit-requests-remaining"] = "0";
        }

        if (kind == FakeErrorKind.Overloaded)
        {
            headers["x-should-retry"] = "true";
        }

        return new WireError(status, Envelope(type, reply.ErrorMessage ?? message, context), headers);
    }

    // Failures after the 200 (typically overload) arrive as an `error` event.
    public WireFrame StreamError(FakeReply reply, WireContext context)
    {
        var (_, type, message) = Describe(reply.Error ?? FakeErrorKind.Overloaded);
        return WireFrame.Event("error", Envelope(type, reply.ErrorMessage ?? message, context).ToJsonString());
    }

    private static (int Status, string Type, string Message) Describe(FakeErrorKind kind) => kind switch
    {
        FakeErrorKind.InvalidKey => (401, "authentication_error", "invalid x-api-key"),
        FakeErrorKind.RateLimit => (429, "rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits."),
        FakeErrorKind.ServerError => (500, "api_error", "Internal server error"),
        FakeErrorKind.Overloaded => (529, "overloaded_error", "Overloaded"),
        FakeErrorKind.Billing => (400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."),
        FakeErrorKind.ContextOverflow => (400, "invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static JsonObject Envelope(string type, string message, WireContext context) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
        ["request_id"] = "req_" + context.Id,
    };

    private static List<JsonObject> Blocks(FakeReply reply, WireContext context)
    {
        var blocks = new List<JsonObject>();
        if (reply.Thinking is not null)
        {
            blocks.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = reply.Thinking, ["signature"] = reply.ThinkingSignature ?? FakeSignature });
        }

        if (!string.IsNullOrEmpty(reply.Text) || reply.ToolCalls.Count == 0)
        {
            blocks.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Text ?? "" });
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            blocks.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = call.Id ?? $"toolu_{context.Id}_{i}",
                ["name"] = call.Name,
                ["input"] = JsonNode.Parse(call.ArgumentsJson) ?? new JsonObject(),
            });
        }

        return blocks;
    }

    private static JsonObject Message(WireContext context, FakeUsage usage, bool final) => new()
    {
        ["id"] = "msg_" + context.Id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = context.Model,
        ["content"] = new JsonArray(),
        ["stop_reason"] = null,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = usage.Input,
            ["cache_creation_input_tokens"] = usage.CacheWrite,
            ["cache_read_input_tokens"] = usage.CacheRead,
            ["output_tokens"] = final ? usage.Output : 1,
        },
    };

    private static string StopReason(FakeReply reply) => reply.StopReason ?? (reply.ToolCalls.Count > 0 ? "tool_use" : "end_turn");

    private static WireFrame Delta(int index, JsonObject delta, bool isContent = true) =>
        Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta }, isContent);

    private static WireFrame Event(string type, JsonObject data, bool isContent = false)
    {
        var ordered = new JsonObject { ["type"] = type };
        foreach (var (key, value) in data)
        {
            ordered[key] = value?.DeepClone();
        }

        return WireFrame.Event(type, ordered.ToJsonString(), isContent);
    }
}
