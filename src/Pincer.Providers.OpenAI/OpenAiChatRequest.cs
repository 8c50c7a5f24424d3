using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI;

/// <summary>The Chat Completions request body, in the field order the reference's client writes it.</summary>
internal static class OpenAiChatRequest
{
    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, int? defaultMaxTokens)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", true);
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            if (tools.Count > 0)
            {
                json.WriteStartArray("tools");
                foreach (var tool in tools)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", tool.Name);
                    json.WriteString("description", tool.Description);
                    json.WritePropertyName("parameters");
                    tool.JsonSchema.WriteTo(json);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (tools.Count > 0 || options?.ToolMode is not null)
            {
                json.WriteString("tool_choice", options?.ToolMode is NoneChatToolMode ? "none" : options?.ToolMode is RequiredChatToolMode ? "required" : "auto");
            }

            if ((options?.MaxOutputTokens ?? defaultMaxTokens) is { } max)
            {
                json.WriteNumber("max_completion_tokens", max);
            }

            if (options?.Temperature is { } temperature)
            {
                json.WriteNumber("temperature", temperature);
            }

            if (ReasoningEffort(options) is { } effort)
            {
                json.WriteString("reasoning_effort", effort);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                json.WriteStartObject();
                json.WriteString("role", "tool");
                json.WriteString("content", result.Result?.ToString() ?? "");
                json.WriteString("tool_call_id", result.CallId);
                json.WriteEndObject();
            }

            return;
        }

        json.WriteStartObject();
        if (message.Role == ChatRole.System)
        {
            json.WriteString("role", "system");
            json.WriteString("content", string.Join(ProviderConventions.SystemPartSeparator, message.Contents.OfType<TextContent>().Select(t => t.Text)));
        }
        else if (message.Role == ChatRole.Assistant)
        {
            json.WriteString("role", "assistant");
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (text.Length > 0)
            {
                json.WriteString("content", text);
            }
            else
            {
                json.WriteNull("content");
            }

            if (calls.Count > 0)
            {
                json.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    json.WriteStartObject();
                    json.WriteString("id", call.CallId);
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", call.Name);
                    json.WriteString("arguments", Arguments(call));
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
        }
        else
        {
            json.WriteString("role", "user");
            if (message.AdditionalProperties?[ProviderConventions.PlainText] is true)
            {
                json.WriteString("content", string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text)));
            }
            else
            {
                json.WriteStartArray("content");
                foreach (var content in message.Contents)
                {
                    switch (content)
                    {
                        case TextContent text:
                            json.WriteStartObject();
                            json.WriteString("type", "text");
                            json.WriteString("text", text.Text);
                            json.WriteEndObject();
                            break;
                        case DataContent data when data.HasTopLevelMediaType("image"):
                            json.WriteStartObject();
                            json.WriteString("type", "image_url");
                            json.WriteStartObject("image_url");
                            json.WriteString("url", data.Uri);
                            json.WriteEndObject();
                            json.WriteEndObject();
                            break;
                    }
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Arguments as the compact JSON text the model produced them in.</summary>
    internal static string Arguments(FunctionCallContent call)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ToolArguments.Write(json, call.Arguments);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reasoning models get the thinking level as <c>reasoning_effort</c>; "off" sends nothing.</summary>
    private static string? ReasoningEffort(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ProviderConventions.ThinkingLevel, out var level) == true
        && options.AdditionalProperties.TryGetValue(ReasoningModelKey, out var reasoning) && reasoning is true
        && level is string text && text is "minimal" or "low" or "medium" or "high"
            ? text
            : null;

    /// <summary>Set by the client when its endpoint is a reasoning model.</summary>
    internal const string ReasoningModelKey = "openclaw.openai.reasoningModel";
}
