using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>Ollama native chat: `POST /api/chat`, NDJSON stream by default (`"stream": false` for one JSON).</summary>
internal sealed class OllamaWire : IWireFormat
{
    public FakeApi Api => FakeApi.Ollama;

    public string StreamContentType => "application/x-ndjson";

    public bool Matches(string path) => path == "/api/chat";

    // Ollama streams unless told not to.
    public bool IsStreaming(string path, JsonNode? body) => (bool?)body?["stream"] != false;

    public string? ModelOf(string path, JsonNode? body) => (string?)body?["model"];

    public JsonNode Complete(FakeReply reply, WireContext context)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text ?? "" };
        if (reply.Thinking is not null)
        {
            message["thinking"] = reply.Thinking;
        }

        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = ToolCalls(reply, context);
        }

        return Final(context, reply, message);
    }

    public IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context)
    {
        foreach (var piece in TextChunks.Split(reply.Thinking ?? "", reply.Chunks))
        {
            yield return Line(context, new JsonObject { ["role"] = "assistant", ["content"] = "", ["thinking"] = piece });
        }

        foreach (var piece in TextChunks.Split(reply.Text ?? "", reply.Chunks))
        {
            yield return Line(context, new JsonObject { ["role"] = "assistant", ["content"] = piece });
        }

        // Ollama delivers tool calls whole, in one message, never as argument fragments.
        if (reply.ToolCalls.Count > 0)
        {
            yield return Line(context, new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = ToolCalls(reply, context) });
        }

        yield return WireFrame.Line(Final(context, reply, new JsonObject { ["role"] = "assistant", ["content"] = "" }).ToJsonString());
    }

    public WireError Error(FakeReply reply, WireContext context)
    {
        var (status, message) = (reply.Error ?? FakeErrorKind.ServerError) switch
        {
            FakeErrorKind.InvalidKey => (401, "unauthorized"),
            FakeErrorKind.RateLimit => (429, "too many requests: rate limit exceeded, please try again later"),
            FakeErrorKind.ServerError => (500, "llama runner process has terminated: exit status 2"),
            FakeErrorKind.Overloaded => (503, "server busy, please try again.  maximum pending requests exceeded"),
            FakeErrorKind.Billing => (402, "payment required: you have used all available credits for this billing period"),
            FakeErrorKind.ContextOverflow => (400, "prompt too long; exceeded max context length by 4096 tokens"),
            var kind => throw new ArgumentOutOfRangeException(nameof(reply), kind, null),
        };
        var headers = new Dictionary<string, string>();
        if (reply.Error == FakeErrorKind.RateLimit)
        {
            headers["retry-after"] = reply.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new WireError(status, new JsonObject { ["error"] = reply.ErrorMessage ?? message }, headers);
    }

    // A failure after streaming started is one more NDJSON line holding only "error".
    public WireFrame StreamError(FakeReply reply, WireContext context) => WireFrame.Line(Error(reply, context).Body.ToJsonString());

    private static JsonArray ToolCalls(FakeReply reply, WireContext context) =>
        new(reply.ToolCalls.Select((call, i) => (JsonNode)new JsonObject
        {
            ["id"] = call.Id ?? $"call_{context.Id}_{i}",
            ["function"] = new JsonObject
            {
                ["index"] = i,
                ["name"] = call.Name,
                ["arguments"] = JsonNode.Parse(call.ArgumentsJson) ?? new JsonObject(),
            },
        }).ToArray());

    private static WireFrame Line(WireContext context, JsonObject message) => WireFrame.Line(new JsonObject
    {
        ["model"] = context.Model,
        ["created_at"] = context.CreatedIso,
        ["message"] = message,
        ["done"] = false,
    }.ToJsonString(), isContent: true);

    private static JsonObject Final(WireContext context, FakeReply reply, JsonObject message) => new()
    {
        ["model"] = context.Model,
        ["created_at"] = context.CreatedIso,
        ["message"] = message,
        ["done"] = true,
        ["done_reason"] = reply.StopReason ?? "stop",
        ["total_duration"] = 1_000_000,
        ["load_duration"] = 100_000,
        ["prompt_eval_count"] = reply.Usage.Input,
        ["prompt_eval_duration"] = 200_000,
        ["eval_count"] = reply.Usage.Output,
        ["eval_duration"] = 700_000,
    };
}
