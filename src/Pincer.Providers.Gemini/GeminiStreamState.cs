using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Gemini;

/// <summary>
/// Folds the stream of whole <c>GenerateContentResponse</c> chunks into the contents to hand out (text, thoughts,
/// function calls with their thought signatures) and the response facts for the final update.
/// </summary>
internal sealed class GeminiStreamState(TimeProvider time)
{
    private int _generatedIds;
    private bool _sawCalls;
    private string? _finish;

    public string? ResponseId { get; private set; }

    public string? Model { get; private set; }

    /// <summary>The last usage block: every chunk repeats the running totals.</summary>
    public UsageDetails? Usage { get; private set; }

    public ChatFinishReason? FinishReason => _finish switch
    {
        null => null,
        "MAX_TOKENS" => ChatFinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
        // Gemini says STOP after function calls too; the turn still continues with their results.
        _ when _sawCalls => ChatFinishReason.ToolCalls,
        _ => ChatFinishReason.Stop,
    };

    /// <summary>Takes one chunk; returns the contents it carries (possibly none).</summary>
    public List<AIContent> Take(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            throw Error(error);
        }

        ResponseId ??= Str(root, "responseId");
        Model ??= Str(root, "modelVersion");
        if (root.TryGetProperty("usageMetadata", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            Usage = ToUsage(usage);
        }

        var contents = new List<AIContent>();
        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            return contents;
        }

        var candidate = candidates[0];
        _finish = Str(candidate, "finishReason") ?? _finish;
        if (!candidate.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return contents;
        }

        foreach (var part in parts.EnumerateArray())
        {
            var signature = Str(part, "thoughtSignature");
            if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
            {
                _sawCalls = true;
                var name = Str(call, "name") ?? "";
                var arguments = call.TryGetProperty("args", out var args) ? ToolArguments.FromObject(args) : [];
                var function = new FunctionCallContent(Str(call, "id") is { Length: > 0 } id ? id : NewId(name), name, arguments)
                {
                    RawRepresentation = args.ValueKind == JsonValueKind.Object ? args.GetRawText() : "{}",
                };
                if (signature is not null)
                {
                    function.AdditionalProperties = new() { [ProviderConventions.ThoughtSignature] = signature };
                }

                contents.Add(function);
            }
            else if (Str(part, "text") is { } text)
            {
                if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
                {
                    contents.Add(new TextReasoningContent(text) { ProtectedData = signature });
                }
                else if (text.Length > 0 || signature is not null)
                {
                    var block = new TextContent(text);
                    if (signature is not null)
                    {
                        block.AdditionalProperties = new() { [ProviderConventions.ThoughtSignature] = signature };
                    }

                    contents.Add(block);
                }
            }
        }

        return contents;
    }

    /// <summary>An error chunk (the same envelope as an HTTP error answer) as a classified failure.</summary>
    internal static ProviderException Error(JsonElement error)
    {
        var message = Str(error, "message") ?? error.ToString();
        var status = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var c) ? c : 500;
        return new ProviderException(ProviderErrorClassifier.Classify(status, message), message, status, RetryDelay(error));
    }

    /// <summary>The <c>RetryInfo.retryDelay</c> ("7s") Gemini puts in the error details of a 429.</summary>
    internal static TimeSpan? RetryDelay(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (Str(detail, "retryDelay") is { Length: > 1 } delay && delay.EndsWith('s')
                && double.TryParse(delay[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    // The prompt count includes the cached part; output is the answer plus the thoughts.
    private static UsageDetails ToUsage(JsonElement usage)
    {
        var prompt = Long(usage, "promptTokenCount");
        var cached = Long(usage, "cachedContentTokenCount");
        var thoughts = Long(usage, "thoughtsTokenCount");
        return new UsageDetails
        {
            InputTokenCount = Math.Max(0, prompt - cached),
            OutputTokenCount = Long(usage, "candidatesTokenCount") + thoughts,
            CachedInputTokenCount = cached,
            ReasoningTokenCount = thoughts,
            TotalTokenCount = Long(usage, "totalTokenCount"),
        };
    }

    // Gemini often sends calls without ids; the transcript needs one to pair the result with its call.
    private string NewId(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}_{time.GetUtcNow().ToUnixTimeMilliseconds()}_{++_generatedIds}");

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;
}
