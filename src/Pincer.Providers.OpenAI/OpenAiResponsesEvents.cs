using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI;

/// <summary>
/// Folds the Responses API's typed stream events into updates: deltas as they come, tool calls (held as
/// <c>call_id|item_id</c>, as the reference keeps them), reasoning items and usage at the end.
/// </summary>
internal sealed class OpenAiResponsesEvents
{
    private readonly List<AIContent> _tail = [];
    private string? _responseId;
    private string? _model;
    private ChatFinishReason? _finish;

    public bool Streamed { get; private set; }

    public bool Finished { get; private set; }

    public ChatResponseUpdate? Read(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        switch (Str(root, "type"))
        {
            case "response.created" or "response.in_progress" when root.TryGetProperty("response", out var created):
                _responseId ??= Str(created, "id");
                _model ??= Str(created, "model");
                return null;
            case "response.output_text.delta" when Str(root, "delta") is { Length: > 0 } text:
                return Content(new TextContent(text));
            case "response.reasoning_summary_text.delta" when Str(root, "delta") is { Length: > 0 } summary:
                return Content(new TextReasoningContent(summary));
            case "response.output_item.done" when root.TryGetProperty("item", out var item):
                Item(item);
                return null;
            case "response.completed" or "response.incomplete" when root.TryGetProperty("response", out var done):
                Finished = true;
                var incomplete = done.TryGetProperty("incomplete_details", out var details) && details.ValueKind == JsonValueKind.Object ? Str(details, "reason") : null;
                _finish = incomplete == "max_output_tokens" ? ChatFinishReason.Length
                    : incomplete == "content_filter" ? ChatFinishReason.ContentFilter
                    : _tail.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
                if (done.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                {
                    _tail.Add(new UsageContent(Usage(usage)));
                }

                return null;
            case "response.failed":
                var error = root.TryGetProperty("response", out var failed) && failed.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
                throw Failure(error);
            case "error":
                throw Failure(root.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root);
            default:
                return null;
        }
    }

    public ChatResponseUpdate Final() => new(ChatRole.Assistant, _tail) { ResponseId = _responseId, ModelId = _model, FinishReason = _finish };

    internal static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.GetString() ?? body : error.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }

    private ChatResponseUpdate Content(AIContent content)
    {
        Streamed = true;
        return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ResponseId = _responseId, ModelId = _model };
    }

    private void Item(JsonElement item)
    {
        switch (Str(item, "type"))
        {
            case "function_call":
                var callId = Str(item, "call_id") is { Length: > 0 } c ? c.Trim() : "call_" + Guid.NewGuid().ToString("N")[..24];
                var id = Str(item, "id") is { Length: > 0 } i ? callId + "|" + i.Trim() : callId;
                var text = Str(item, "arguments") is { Length: > 0 } a ? a : "{}";
                var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
                try
                {
                    using var parsed = JsonDocument.Parse(text);
                    if (parsed.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in parsed.RootElement.EnumerateObject())
                        {
                            arguments[property.Name] = property.Value.Clone();
                        }
                    }
                }
                catch (JsonException)
                {
                    // Broken JSON from the model: the tool sees no arguments and will say what is missing.
                }

                _tail.Add(new FunctionCallContent(id, Str(item, "name") ?? "", arguments) { RawRepresentation = text });
                break;
            case "reasoning":
                // The whole item is the reasoning's signature: replayed as-is on the next request.
                _tail.Add(new TextReasoningContent("") { ProtectedData = item.GetRawText() });
                break;
        }
    }

    private static ProviderException Failure(JsonElement error)
    {
        var message = error.ValueKind == JsonValueKind.Object ? Str(error, "message") ?? "" : "";
        var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.ValueKind is JsonValueKind.String or JsonValueKind.Number ? c.ToString() : null;
        var text = message.Length == 0 ? "response failed" : code is null ? message : $"{code}: {message}";
        var status = code switch
        {
            "rate_limit_exceeded" => 429,
            "invalid_api_key" => 401,
            _ => 500,
        };
        return new ProviderException(ProviderErrorClassifier.Classify(status, text), text);
    }

    private static UsageDetails Usage(JsonElement usage)
    {
        var input = Long(usage, "input_tokens");
        var cached = usage.TryGetProperty("input_tokens_details", out var d) && d.ValueKind == JsonValueKind.Object ? Long(d, "cached_tokens") : 0;
        var reasoning = usage.TryGetProperty("output_tokens_details", out var o) && o.ValueKind == JsonValueKind.Object ? Long(o, "reasoning_tokens") : 0;
        return new UsageDetails
        {
            InputTokenCount = Math.Max(0, input - cached),
            OutputTokenCount = Long(usage, "output_tokens"),
            CachedInputTokenCount = cached,
            ReasoningTokenCount = reasoning,
            TotalTokenCount = Long(usage, "total_tokens"),
        };
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;
}
