using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>
/// Gemini: `POST /v1beta/models/{model}:generateContent` (JSON) and `:streamGenerateContent?alt=sse`
/// (SSE, each event a whole GenerateContentResponse).
/// </summary>
internal sealed class GeminiWire : IWireFormat
{
    public const string FakeThoughtSignature = "ZmFrZS10aG91Z2h0LXNpZ25hdHVyZQ==";

    public FakeApi Api => FakeApi.GoogleGenerativeAi;

    public string StreamContentType => "text/event-stream";

    public bool Matches(string path) =>
        path.EndsWith(":generateContent", StringComparison.Ordinal) || path.EndsWith(":streamGenerateContent", StringComparison.Ordinal);

    public bool IsStreaming(string path, JsonNode? body) => path.EndsWith(":streamGenerateContent", StringComparison.Ordinal);

    public string? ModelOf(string path, JsonNode? body)
    {
        var colon = path.LastIndexOf(':');
        var slash = path.LastIndexOf("/models/", StringComparison.Ordinal);
        return slash < 0 || colon < slash ? null : path[(slash + "/models/".Length)..colon];
    }

    public JsonNode Complete(FakeReply reply, WireContext context)
    {
        var parts = new List<JsonObject>();
        if (reply.Thinking is not null)
        {
            parts.Add(new JsonObject { ["text"] = reply.Thinking, ["thought"] = true });
        }

        if (!string.IsNullOrEmpty(reply.Text))
        {
            parts.Add(new JsonObject { ["text"] = reply.Text });
        }

        parts.AddRange(reply.ToolCalls.Select(FunctionCall));
        Sign(parts, reply);
        return Response(context, parts, FinishReason(reply), reply.Usage);
    }

    public IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context)
    {
        // Gemini streams whole response objects; only the last carries finishReason, every one carries usage.
        var pending = new List<List<JsonObject>>();
        foreach (var piece in TextChunks.Split(reply.Thinking ?? "", reply.Chunks))
        {
            pending.Add([new JsonObject { ["text"] = piece, ["thought"] = true }]);
        }

        foreach (var piece in TextChunks.Split(reply.Text ?? "", reply.Chunks))
        {
            pending.Add([new JsonObject { ["text"] = piece }]);
        }

        if (reply.ToolCalls.Count > 0)
        {
            pending.Add([.. reply.ToolCalls.Select(FunctionCall)]);
        }

        if (pending.Count == 0)
        {
            pending.Add([new JsonObject { ["text"] = "" }]);
        }

        Sign(pending.Last(), reply);
        for (var i = 0; i < pending.Count; i++)
        {
            var last = i == pending.Count - 1;
            var body = Response(context, pending[i], last ? FinishReason(reply) : null, reply.Usage);
            yield return new WireFrame($"data: {body.ToJsonString()}\r\n\r\n", IsContent: true);
        }
    }

    public WireError Error(FakeReply reply, WireContext context)
    {
        var kind = reply.Error ?? FakeErrorKind.ServerError;
        var (status, statusName, message) = Describe(kind);
        var error = new JsonObject { ["code"] = status, ["message"] = reply.ErrorMessage ?? message, ["status"] = statusName };
        var headers = new Dictionary<string, string>();
        switch (kind)
        {
            case FakeErrorKind.InvalidKey:
                error["details"] = new JsonArray(new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                    ["reason"] = "API_KEY_INVALID",
                    ["domain"] = "googleapis.com",
                    ["metadata"] = new JsonObject { ["service"] = "generativelanguage.googleapis.com" },
                });
                break;
            case FakeErrorKind.RateLimit:
                var seconds = reply.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                error["details"] = new JsonArray(new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
                    ["retryDelay"] = seconds + "s",
                });
                headers["retry-after"] = seconds;
                break;
        }

        return new WireError(status, new JsonObject { ["error"] = error }, headers);
    }

    public WireFrame StreamError(FakeReply reply, WireContext context) => new($"data: {Error(reply, context).Body.ToJsonString()}\r\n\r\n");

    private static (int Status, string StatusName, string Message) Describe(FakeErrorKind kind) => kind switch
    {
        // Gemini answers a bad key with 400, not 401.
        FakeErrorKind.InvalidKey => (400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."),
        FakeErrorKind.RateLimit => (429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
        FakeErrorKind.ServerError => (500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
        FakeErrorKind.Overloaded => (503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
        FakeErrorKind.Billing => (429, "RESOURCE_EXHAUSTED", "Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing."),
        FakeErrorKind.ContextOverflow => (400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static JsonObject FunctionCall(FakeToolCall call)
    {
        var function = new JsonObject { ["name"] = call.Name, ["args"] = JsonNode.Parse(call.ArgumentsJson) ?? new JsonObject() };
        if (call.Id is not null)
        {
            function["id"] = call.Id;
        }

        return new JsonObject { ["functionCall"] = function };
    }

    // Thinking models attach a thoughtSignature to the part that ends their turn.
    private static void Sign(List<JsonObject> parts, FakeReply reply)
    {
        if (reply.Thinking is not null && parts.Count > 0)
        {
            parts[^1]["thoughtSignature"] = reply.ThinkingSignature ?? FakeThoughtSignature;
        }
    }

    private static string FinishReason(FakeReply reply) => reply.StopReason ?? "STOP";

    private static JsonObject Response(WireContext context, List<JsonObject> parts, string? finishReason, FakeUsage usage)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray(parts.Select(p => (JsonNode)p.DeepClone()).ToArray()), ["role"] = "model" },
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        candidate["index"] = 0;
        var metadata = new JsonObject
        {
            ["promptTokenCount"] = usage.Input + usage.CacheRead,
            ["candidatesTokenCount"] = usage.Output,
            ["totalTokenCount"] = usage.Input + usage.CacheRead + usage.Output + usage.Reasoning,
        };
        if (usage.CacheRead > 0)
        {
            metadata["cachedContentTokenCount"] = usage.CacheRead;
        }

        if (usage.Reasoning > 0)
        {
            metadata["thoughtsTokenCount"] = usage.Reasoning;
        }

        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = metadata,
            ["modelVersion"] = context.Model,
            ["responseId"] = context.Id,
        };
    }
}
