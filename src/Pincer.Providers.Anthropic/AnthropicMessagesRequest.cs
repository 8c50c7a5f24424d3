using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Anthropic;

/// <summary>The Messages API request body, in the field order and block shapes the reference's client writes.</summary>
internal static class AnthropicMessagesRequest
{
    /// <summary>Used when neither the options nor the catalog give an output cap (the API requires one).</summary>
    internal const int DefaultMaxTokens = 4096;

    /// <summary>The reference never asks for more than this by default, whatever the model's cap.</summary>
    internal const int DefaultMaxTokensCeiling = 32000;

    public static byte[] Write(ProviderEndpoint endpoint, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var all = messages.ToList();
        var system = all.Where(m => m.Role == ChatRole.System).SelectMany(m => m.Contents.OfType<TextContent>()).Where(t => t.Text.Length > 0).ToList();
        var baseMax = options?.MaxOutputTokens ?? Math.Min(endpoint.MaxTokens ?? DefaultMaxTokens, DefaultMaxTokensCeiling);
        var maxTokens = baseMax;
        int? budget = null;
        if (endpoint.Reasoning && AnthropicThinking.Budget(Level(options)) is { } levelBudget)
        {
            (maxTokens, var planned) = AnthropicThinking.Plan(baseMax, endpoint.MaxTokens ?? baseMax + levelBudget, levelBudget);
            budget = planned;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options?.ModelId ?? endpoint.Model);
            json.WriteStartArray("messages");
            WriteMessages(json, all.Where(m => m.Role != ChatRole.System));
            json.WriteEndArray();
            json.WriteNumber("max_tokens", maxTokens);
            json.WriteBoolean("stream", true);
            if (system.Count > 0)
            {
                json.WriteStartArray("system");
                foreach (var part in system)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "text");
                    json.WriteString("text", part.Text);
                    CacheControl(json, part.AdditionalProperties);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            // The API rejects a temperature beside extended thinking.
            if (options?.Temperature is { } temperature && budget is null)
            {
                json.WriteNumber("temperature", temperature);
            }

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            if (tools.Count > 0)
            {
                WriteTools(json, tools, Flag(options?.AdditionalProperties, ProviderConventions.CacheBreakpoint));
            }

            if (budget is { } thinkingBudget)
            {
                json.WriteStartObject("thinking");
                json.WriteString("type", "enabled");
                json.WriteNumber("budget_tokens", thinkingBudget);
                json.WriteEndObject();
            }

            // Auto is the API's default; the reference only sends a choice that differs from it.
            if (tools.Count > 0)
            {
                WriteToolChoice(json, options?.ToolMode);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMessages(Utf8JsonWriter json, IEnumerable<ChatMessage> messages)
    {
        // Consecutive tool results travel together in one user turn, as the API wants them after a multi-call turn.
        List<FunctionResultContent> results = [];
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                results.AddRange(message.Contents.OfType<FunctionResultContent>());
                continue;
            }

            FlushResults(json, results);
            if (message.Role == ChatRole.Assistant)
            {
                WriteAssistant(json, message);
            }
            else
            {
                WriteUser(json, message);
            }
        }

        FlushResults(json, results);
    }

    private static void WriteUser(Utf8JsonWriter json, ChatMessage message)
    {
        var texts = message.Contents.OfType<TextContent>().ToList();
        // A transcript string stays a string unless a breakpoint has to sit on it, which needs a block.
        if (Flag(message.AdditionalProperties, ProviderConventions.PlainText) && !texts.Any(t => Flag(t.AdditionalProperties, ProviderConventions.CacheBreakpoint)))
        {
            var text = string.Concat(texts.Select(t => t.Text));
            if (!string.IsNullOrWhiteSpace(text))
            {
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", text);
                json.WriteEndObject();
            }

            return;
        }

        var blocks = message.Contents.Where(c => c is TextContent { Text: var t } ? !string.IsNullOrWhiteSpace(t) : c is DataContent d && d.HasTopLevelMediaType("image")).ToList();
        if (blocks.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        foreach (var content in blocks)
        {
            json.WriteStartObject();
            if (content is TextContent text)
            {
                json.WriteString("type", "text");
                json.WriteString("text", text.Text);
            }
            else if (content is DataContent data)
            {
                json.WriteString("type", "image");
                json.WriteStartObject("source");
                json.WriteString("type", "base64");
                json.WriteString("media_type", data.MediaType);
                json.WriteString("data", data.Base64Data.Span);
                json.WriteEndObject();
            }

            CacheControl(json, content.AdditionalProperties);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter json, ChatMessage message)
    {
        var blocks = message.Contents.Where(c => c switch
        {
            TextContent text => !string.IsNullOrWhiteSpace(text.Text),
            TextReasoningContent reasoning => !string.IsNullOrWhiteSpace(reasoning.Text),
            FunctionCallContent => true,
            _ => false,
        }).ToList();
        if (blocks.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("role", "assistant");
        json.WriteStartArray("content");
        foreach (var content in blocks)
        {
            json.WriteStartObject();
            switch (content)
            {
                case TextContent text:
                    json.WriteString("type", "text");
                    json.WriteString("text", text.Text);
                    break;
                case TextReasoningContent { ProtectedData.Length: > 0 } signed:
                    json.WriteString("type", "thinking");
                    json.WriteString("thinking", signed.Text);
                    json.WriteString("signature", signed.ProtectedData);
                    break;
                case TextReasoningContent unsigned:
                    // Thinking without a signature (another provider's, or cut off) cannot be replayed as thinking.
                    json.WriteString("type", "text");
                    json.WriteString("text", unsigned.Text);
                    break;
                case FunctionCallContent call:
                    json.WriteString("type", "tool_use");
                    json.WriteString("id", ToolCallIds.Strict(call.CallId));
                    json.WriteString("name", call.Name);
                    json.WritePropertyName("input");
                    ToolArguments.Write(json, call.Arguments);
                    break;
            }

            CacheControl(json, content.AdditionalProperties);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void FlushResults(Utf8JsonWriter json, List<FunctionResultContent> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_result");
            json.WriteString("tool_use_id", ToolCallIds.Strict(result.CallId));
            json.WriteString("content", ResultText(result));
            json.WriteBoolean("is_error", Flag(result.AdditionalProperties, ProviderConventions.ToolError));
            CacheControl(json, result.AdditionalProperties);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        results.Clear();
    }

    private static void WriteTools(Utf8JsonWriter json, List<AIFunctionDeclaration> tools, bool breakpointAfterTools)
    {
        json.WriteStartArray("tools");
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            json.WriteStartObject();
            json.WriteString("name", tool.Name);
            if (tool.Description is { Length: > 0 } description)
            {
                json.WriteString("description", description);
            }

            json.WritePropertyName("input_schema");
            tool.JsonSchema.WriteTo(json);
            if ((breakpointAfterTools && i == tools.Count - 1) || Flag(tool.AdditionalProperties, ProviderConventions.CacheBreakpoint))
            {
                WriteEphemeral(json);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter json, ChatToolMode? mode)
    {
        switch (mode)
        {
            case NoneChatToolMode:
                json.WriteStartObject("tool_choice");
                json.WriteString("type", "none");
                json.WriteEndObject();
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                json.WriteStartObject("tool_choice");
                json.WriteString("type", "tool");
                json.WriteString("name", name);
                json.WriteEndObject();
                break;
            case RequiredChatToolMode:
                json.WriteStartObject("tool_choice");
                json.WriteString("type", "any");
                json.WriteEndObject();
                break;
        }
    }

    internal static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        var other => other.ToString() ?? "",
    };

    private static void CacheControl(Utf8JsonWriter json, AdditionalPropertiesDictionary? properties)
    {
        if (Flag(properties, ProviderConventions.CacheBreakpoint))
        {
            WriteEphemeral(json);
        }
    }

    private static void WriteEphemeral(Utf8JsonWriter json)
    {
        json.WriteStartObject("cache_control");
        json.WriteString("type", "ephemeral");
        json.WriteEndObject();
    }

    private static bool Flag(IReadOnlyDictionary<string, object?>? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) && value is true;

    private static string? Level(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ProviderConventions.ThinkingLevel, out var level) == true ? level as string : null;
}
