using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Agents.Runs;

/// <summary>
/// Folds one model call's streamed updates into the assistant message the reference persists: content blocks in
/// stream order (text, thinking, tool calls), usage, response id and stop reason.
/// </summary>
internal sealed class AssistantReplyBuilder
{
    private readonly List<Block> _blocks = [];
    private readonly List<FunctionCallContent> _toolCalls = [];
    private RunUsage? _usage;

    /// <summary>True once any text, thinking or tool call arrived: after that, no silent failover.</summary>
    public bool HasContent => _blocks.Count > 0;

    public string? ResponseId { get; private set; }

    public string? ResponseModel { get; private set; }

    public ChatFinishReason? FinishReason { get; private set; }

    public IReadOnlyList<FunctionCallContent> ToolCalls => _toolCalls;

    public RunUsage Usage => _usage ?? RunUsage.None;

    public bool HasUsage => _usage is not null;

    /// <summary>All text blocks, joined as the reference's final reply text.</summary>
    public string Text => string.Concat(_blocks.Where(b => b.Kind == BlockKind.Text).Select(b => b.Text.ToString()));

    /// <summary>Takes one update; returns the text it added to the current text block (empty when none).</summary>
    public string Add(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        ResponseId ??= update.ResponseId;
        ResponseModel ??= update.ModelId;
        FinishReason = update.FinishReason ?? FinishReason;
        var added = new StringBuilder();
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    Current(BlockKind.Text).Text.Append(text.Text);
                    added.Append(text.Text);
                    break;
                case TextReasoningContent reasoning:
                    var thinking = Current(BlockKind.Thinking);
                    thinking.Text.Append(reasoning.Text);
                    thinking.Signature = reasoning.ProtectedData ?? thinking.Signature;
                    break;
                case FunctionCallContent call:
                    _toolCalls.Add(call);
                    _blocks.Add(new Block(BlockKind.ToolCall) { Call = call });
                    break;
                case UsageContent usage:
                    _usage = ToUsage(usage.Details);
                    break;
            }
        }

        return added.ToString();
    }

    /// <summary>The reference's persisted assistant message.</summary>
    public JsonObject ToMessage(string api, string provider, string model, string stopReason, long timestampMs, string runId, ModelCost cost, string? errorMessage = null)
    {
        var content = new JsonArray();
        foreach (var block in _blocks)
        {
            content.Add((JsonNode)(block.Kind switch
            {
                BlockKind.Text => new JsonObject { ["type"] = "text", ["text"] = block.Text.ToString() },
                BlockKind.Thinking => ThinkingBlock(block),
                _ => new JsonObject
                {
                    ["type"] = "toolCall",
                    ["id"] = block.Call!.CallId,
                    ["name"] = block.Call.Name,
                    ["arguments"] = ArgumentsJson(block.Call),
                },
            }));
        }

        var usage = Usage;
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = content,
            ["api"] = api,
            ["provider"] = provider,
            ["model"] = model,
            ["usage"] = new JsonObject
            {
                ["input"] = usage.Input,
                ["output"] = usage.Output,
                ["cacheRead"] = usage.CacheRead,
                ["cacheWrite"] = usage.CacheWrite,
                ["reasoningTokens"] = usage.Reasoning,
                ["totalTokens"] = usage.Total,
                ["cost"] = CostJson(usage, cost),
            },
            ["stopReason"] = stopReason,
            ["timestamp"] = timestampMs,
        };
        if (ResponseId is not null)
        {
            message["responseId"] = ResponseId;
        }

        if (errorMessage is not null)
        {
            message["errorMessage"] = errorMessage;
        }

        message["__openclaw"] = new JsonObject { ["runId"] = runId };
        return message;
    }

    /// <summary>The same reply as the conversation continues it (after tool calls).</summary>
    public ChatMessage ToChatMessage()
    {
        var contents = new List<AIContent>();
        foreach (var block in _blocks)
        {
            contents.Add(block.Kind switch
            {
                BlockKind.Text => new TextContent(block.Text.ToString()),
                BlockKind.Thinking => new TextReasoningContent(block.Text.ToString()) { ProtectedData = block.Signature },
                _ => block.Call!,
            });
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    public static double CostUsd(RunUsage usage, ModelCost cost)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(cost);
        return ((usage.Input * cost.Input) + (usage.Output * cost.Output) + (usage.CacheRead * cost.CacheRead) + (usage.CacheWrite * cost.CacheWrite)) / 1_000_000d;
    }

    private static JsonObject CostJson(RunUsage usage, ModelCost cost) => new()
    {
        ["input"] = usage.Input * cost.Input / 1_000_000d,
        ["output"] = usage.Output * cost.Output / 1_000_000d,
        ["cacheRead"] = usage.CacheRead * cost.CacheRead / 1_000_000d,
        ["cacheWrite"] = usage.CacheWrite * cost.CacheWrite / 1_000_000d,
        ["total"] = CostUsd(usage, cost),
    };

    private static JsonObject ThinkingBlock(Block block)
    {
        var json = new JsonObject { ["type"] = "thinking", ["thinking"] = block.Text.ToString() };
        if (block.Signature is not null)
        {
            json["thinkingSignature"] = block.Signature;
        }

        return json;
    }

    internal static JsonObject ArgumentsJson(FunctionCallContent call)
    {
        var json = new JsonObject();
        if (call.Arguments is null)
        {
            return json;
        }

        foreach (var (name, value) in call.Arguments)
        {
            json[name] = value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                string text => text,
                bool flag => flag,
                long number => number,
                int number => number,
                double number => number,
                _ => value.ToString(),
            };
        }

        return json;
    }

    private static RunUsage ToUsage(UsageDetails details)
    {
        var cacheRead = details.CachedInputTokenCount ?? 0;
        var cacheWrite = details.AdditionalCounts is { } extra && extra.TryGetValue("cacheWrite", out var write) ? write : 0;
        return new RunUsage(details.InputTokenCount ?? 0, details.OutputTokenCount ?? 0, cacheRead, cacheWrite, details.ReasoningTokenCount ?? 0);
    }

    private Block Current(BlockKind kind)
    {
        if (_blocks.Count > 0 && _blocks[^1].Kind == kind)
        {
            return _blocks[^1];
        }

        var block = new Block(kind);
        _blocks.Add(block);
        return block;
    }

    private enum BlockKind
    {
        Text,
        Thinking,
        ToolCall,
    }

    private sealed class Block(BlockKind kind)
    {
        public BlockKind Kind { get; } = kind;

        public StringBuilder Text { get; } = new();

        public string? Signature { get; set; }

        public FunctionCallContent? Call { get; init; }
    }
}
