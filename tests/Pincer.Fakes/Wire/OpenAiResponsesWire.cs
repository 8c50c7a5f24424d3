using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>OpenAI Responses: `POST /v1/responses`, JSON or typed SSE events (`event:` + `data:` with `type` and `sequence_number`).</summary>
internal sealed class OpenAiResponsesWire : IWireFormat
{
    public FakeApi Api => FakeApi.OpenAiResponses;

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool Matches(string path) => path.EndsWith("/responses", StringComparison.Ordinal);

    public bool IsStreaming(string path, JsonNode? body) => (bool?)body?["stream"] == true;

    public string? ModelOf(string path, JsonNode? body) => (string?)body?["model"];

    public JsonNode Complete(FakeReply reply, WireContext context) => Response(context, "completed", Items(reply, context), reply.Usage);

    public IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context)
    {
        var seq = 0;
        WireFrame Emit(string type, JsonObject data, bool isContent = false)
        {
            var ordered = new JsonObject { ["type"] = type, ["sequence_number"] = seq++ };
            foreach (var (key, value) in data)
            {
                ordered[key] = value?.DeepClone();
            }

            return WireFrame.Event(type, ordered.ToJsonString(), isContent);
        }

        yield return Emit("response.created", new JsonObject { ["response"] = Response(context, "in_progress", [], null) });
        yield return Emit("response.in_progress", new JsonObject { ["response"] = Response(context, "in_progress", [], null) });
        var items = Items(reply, context);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var id = (string)item["id"]!;
            var type = (string)item["type"]!;
            yield return Emit("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = Started(item) });
            switch (type)
            {
                case "reasoning":
                    var summary = (string)item["summary"]![0]!["text"]!;
                    var part = new JsonObject { ["type"] = "summary_text", ["text"] = "" };
                    yield return Emit("response.reasoning_summary_part.added", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["part"] = part });
                    foreach (var piece in TextChunks.Split(summary, reply.Chunks))
                    {
                        yield return Emit("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["delta"] = piece }, isContent: true);
                    }

                    yield return Emit("response.reasoning_summary_text.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["text"] = summary });
                    yield return Emit("response.reasoning_summary_part.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = summary } });
                    break;
                case "message":
                    var text = (string)item["content"]![0]!["text"]!;
                    yield return Emit("response.content_part.added", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["part"] = OutputText("") });
                    foreach (var piece in TextChunks.Split(text, reply.Chunks))
                    {
                        yield return Emit("response.output_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["delta"] = piece, ["logprobs"] = new JsonArray() }, isContent: true);
                    }

                    yield return Emit("response.output_text.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray() });
                    yield return Emit("response.content_part.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["part"] = OutputText(text) });
                    break;
                case "function_call":
                    var arguments = (string)item["arguments"]!;
                    foreach (var piece in TextChunks.Split(arguments, reply.Chunks))
                    {
                        yield return Emit("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = piece }, isContent: true);
                    }

                    yield return Emit("response.function_call_arguments.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["arguments"] = arguments });
                    break;
            }

            yield return Emit("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item });
        }

        yield return Emit("response.completed", new JsonObject { ["response"] = Response(context, "completed", items, reply.Usage) });
    }

    public WireError Error(FakeReply reply, WireContext context) => OpenAiErrors.For(reply);

    // In a stream the Responses API reports failure as response.failed carrying the error object.
    public WireFrame StreamError(FakeReply reply, WireContext context)
    {
        var error = OpenAiErrors.For(reply).Body["error"]!.AsObject();
        var response = Response(context, "failed", [], null);
        response["error"] = new JsonObject { ["code"] = error["code"]?.DeepClone() ?? error["type"]!.DeepClone(), ["message"] = error["message"]!.DeepClone() };
        var data = new JsonObject { ["type"] = "response.failed", ["sequence_number"] = 0, ["response"] = response };
        return WireFrame.Event("response.failed", data.ToJsonString());
    }

    private static List<JsonObject> Items(FakeReply reply, WireContext context)
    {
        var items = new List<JsonObject>();
        if (reply.Thinking is not null)
        {
            items.Add(new JsonObject
            {
                ["id"] = "rs_" + context.Id,
                ["type"] = "reasoning",
                ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = reply.Thinking }),
            });
        }

        if (!string.IsNullOrEmpty(reply.Text) || reply.ToolCalls.Count == 0)
        {
            items.Add(new JsonObject
            {
                ["id"] = "msg_" + context.Id,
                ["type"] = "message",
                ["status"] = "completed",
                ["role"] = "assistant",
                ["content"] = new JsonArray(OutputText(reply.Text ?? "")),
            });
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            items.Add(new JsonObject
            {
                ["id"] = $"fc_{context.Id}_{i}",
                ["type"] = "function_call",
                ["status"] = "completed",
                ["arguments"] = call.ArgumentsJson,
                ["call_id"] = call.Id ?? $"call_{context.Id}_{i}",
                ["name"] = call.Name,
            });
        }

        return items;
    }

    // output_item.added shows the item before its content arrived.
    private static JsonObject Started(JsonObject item)
    {
        var copy = item.DeepClone().AsObject();
        switch ((string)copy["type"]!)
        {
            case "reasoning":
                copy["summary"] = new JsonArray();
                break;
            case "message":
                copy["status"] = "in_progress";
                copy["content"] = new JsonArray();
                break;
            case "function_call":
                copy["status"] = "in_progress";
                copy["arguments"] = "";
                break;
        }

        return copy;
    }

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = text };

    private static JsonObject Response(WireContext context, string status, List<JsonObject> items, FakeUsage? usage) => new()
    {
        ["id"] = "resp_" + context.Id,
        ["object"] = "response",
        ["created_at"] = context.Created,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["model"] = context.Model,
        ["output"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = (string?)context.Body?["previous_response_id"],
        ["store"] = (bool?)context.Body?["store"] ?? false,
        ["usage"] = usage is null ? null : new JsonObject
        {
            ["input_tokens"] = usage.Input + usage.CacheRead,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CacheRead },
            ["output_tokens"] = usage.Output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.Reasoning },
            ["total_tokens"] = usage.Input + usage.CacheRead + usage.Output,
        },
    };
}
