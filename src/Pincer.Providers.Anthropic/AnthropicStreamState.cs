using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Anthropic;

/// <summary>
/// Folds the Messages stream's events (<c>message_start</c>, content blocks, <c>message_delta</c>, <c>error</c>) into the
/// contents to hand out as they arrive, and the message facts (id, model, usage, stop reason) for the final update.
/// </summary>
internal sealed class AnthropicStreamState
{
    private readonly Dictionary<int, ToolUse> _toolUses = [];
    private long _input;
    private long _output;
    private long _cacheRead;
    private long _cacheWrite;
    private bool _hasUsage;

    public string? ResponseId { get; private set; }

    public string? Model { get; private set; }

    public ChatFinishReason? FinishReason { get; private set; }

    /// <summary>True once <c>message_stop</c> arrived.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The usage reported so far; <c>message_start</c> gives the input side, <c>message_delta</c> the output.</summary>
    public UsageDetails? Usage => _hasUsage
        ? new UsageDetails
        {
            InputTokenCount = _input,
            OutputTokenCount = _output,
            CachedInputTokenCount = _cacheRead,
            TotalTokenCount = _input + _output + _cacheRead + _cacheWrite,
            AdditionalCounts = new AdditionalPropertiesDictionary<long> { [CacheWriteKey] = _cacheWrite },
        }
        : null;

    /// <summary>The <c>UsageDetails.AdditionalCounts</c> key of prompt-cache writes (the agent loop reads it).</summary>
    internal const string CacheWriteKey = "cacheWrite";

    /// <summary>Takes one event's data; returns the contents it completes (possibly none).</summary>
    public List<AIContent> Take(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var contents = new List<AIContent>();
        switch (Str(root, "type"))
        {
            case "message_start" when root.TryGetProperty("message", out var message):
                ResponseId ??= Str(message, "id");
                Model ??= Str(message, "model");
                if (message.TryGetProperty("usage", out var startUsage))
                {
                    TakeUsage(startUsage);
                }

                break;
            case "content_block_start" when root.TryGetProperty("content_block", out var block):
                var index = Index(root);
                switch (Str(block, "type"))
                {
                    case "tool_use":
                        _toolUses[index] = new ToolUse(Str(block, "id") ?? "", Str(block, "name") ?? "");
                        break;
                    case "text" when Str(block, "text") is { Length: > 0 } text:
                        contents.Add(new TextContent(text));
                        break;
                    case "thinking" when Str(block, "thinking") is { Length: > 0 } thinking:
                        contents.Add(new TextReasoningContent(thinking));
                        break;
                }

                break;
            case "content_block_delta" when root.TryGetProperty("delta", out var delta):
                switch (Str(delta, "type"))
                {
                    case "text_delta" when Str(delta, "text") is { Length: > 0 } text:
                        contents.Add(new TextContent(text));
                        break;
                    case "thinking_delta" when Str(delta, "thinking") is { Length: > 0 } thinking:
                        contents.Add(new TextReasoningContent(thinking));
                        break;
                    case "signature_delta" when Str(delta, "signature") is { Length: > 0 } signature:
                        // The signature seals the thinking block it closes; it must go back with that block unchanged.
                        contents.Add(new TextReasoningContent("") { ProtectedData = signature });
                        break;
                    case "input_json_delta" when _toolUses.TryGetValue(Index(root), out var use):
                        use.Json.Append(Str(delta, "partial_json"));
                        break;
                }

                break;
            case "content_block_stop" when _toolUses.Remove(Index(root), out var finished):
                var json = finished.Json.ToString();
                contents.Add(new FunctionCallContent(finished.Id, finished.Name, ToolArguments.Parse(json)) { RawRepresentation = json.Length == 0 ? "{}" : json });
                break;
            case "message_delta":
                if (root.TryGetProperty("delta", out var messageDelta) && Str(messageDelta, "stop_reason") is { } reason)
                {
                    FinishReason = reason switch
                    {
                        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
                        "tool_use" => ChatFinishReason.ToolCalls,
                        "refusal" => ChatFinishReason.ContentFilter,
                        _ => ChatFinishReason.Stop,
                    };
                }

                if (root.TryGetProperty("usage", out var deltaUsage))
                {
                    TakeUsage(deltaUsage);
                }

                break;
            case "message_stop":
                Stopped = true;
                break;
            case "error":
                throw StreamError(root);
        }

        return contents;
    }

    /// <summary>An in-stream <c>error</c> event, classified as the same error answered over HTTP would be.</summary>
    private static ProviderException StreamError(JsonElement root)
    {
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
        var message = Str(error, "message") ?? error.ToString();
        var status = Str(error, "type") switch
        {
            "overloaded_error" => 529,
            "rate_limit_error" => 429,
            "authentication_error" => 401,
            "permission_error" => 403,
            "not_found_error" => 404,
            "invalid_request_error" => 400,
            "request_too_large" => 413,
            "timeout_error" => 504,
            _ => 500,
        };
        return new ProviderException(ProviderErrorClassifier.Classify(status, message), message, status);
    }

    // Each event repeats only the counts it knows; message_delta's are cumulative.
    private void TakeUsage(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _hasUsage = true;
        _input = Long(usage, "input_tokens") ?? _input;
        _output = Long(usage, "output_tokens") ?? _output;
        _cacheRead = Long(usage, "cache_read_input_tokens") ?? _cacheRead;
        _cacheWrite = Long(usage, "cache_creation_input_tokens") ?? _cacheWrite;
    }

    private static int Index(JsonElement element) =>
        element.TryGetProperty("index", out var value) && value.TryGetInt32(out var index) ? index : 0;

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : null;

    private sealed class ToolUse(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public StringBuilder Json { get; } = new();
    }
}
