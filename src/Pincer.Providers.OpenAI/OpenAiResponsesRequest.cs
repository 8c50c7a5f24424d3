using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI;

/// <summary>
/// The Responses API request body, in the field order the reference writes it. Item ids are not replayed
/// (<c>store</c> is false, so the server keeps none to refer to) and input items carry no <c>status</c>.
/// </summary>
internal static class OpenAiResponsesRequest
{
    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, int? defaultMaxTokens, bool reasoning)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("input");
            foreach (var message in messages)
            {
                WriteItems(json, message, reasoning);
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", true);
            if ((options?.MaxOutputTokens ?? defaultMaxTokens) is { } max)
            {
                json.WriteNumber("max_output_tokens", Math.Max(max, 16));
            }

            if (options?.Temperature is { } temperature)
            {
                json.WriteNumber("temperature", temperature);
            }

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().OrderBy(t => t.Name, StringComparer.Ordinal).ToList() ?? [];
            if (tools.Count > 0)
            {
                json.WriteStartArray("tools");
                foreach (var tool in tools)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "function");
                    json.WriteString("name", tool.Name);
                    json.WriteString("description", tool.Description);
                    json.WritePropertyName("parameters");
                    tool.JsonSchema.WriteTo(json);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            // The reference only names a tool choice when one is forced; "auto" is the API's default.
            if (tools.Count > 0 && options?.ToolMode is NoneChatToolMode or RequiredChatToolMode)
            {
                json.WriteString("tool_choice", options.ToolMode is NoneChatToolMode ? "none" : "required");
            }

            if (reasoning && Effort(options) is { } effort)
            {
                json.WriteStartObject("reasoning");
                json.WriteString("effort", effort);
                json.WriteString("summary", "auto");
                json.WriteEndObject();
                json.WriteStartArray("include");
                json.WriteStringValue("reasoning.encrypted_content");
                json.WriteEndArray();
            }

            json.WriteBoolean("store", false);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteItems(Utf8JsonWriter json, ChatMessage message, bool reasoning)
    {
        if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                var text = result.Result?.ToString() ?? "";
                json.WriteStartObject();
                json.WriteString("type", "function_call_output");
                json.WriteString("call_id", CallId(result.CallId));
                json.WriteString("output", text.Trim().Length > 0 ? text : "(no output)");
                json.WriteEndObject();
            }

            return;
        }

        if (message.Role == ChatRole.Assistant)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextReasoningContent { ProtectedData: { } data } when data.StartsWith('{'):
                        WriteReasoningItem(json, data);
                        break;
                    case TextContent text:
                        json.WriteStartObject();
                        json.WriteString("type", "message");
                        json.WriteString("role", "assistant");
                        json.WriteStartArray("content");
                        json.WriteStartObject();
                        json.WriteString("type", "output_text");
                        json.WriteString("text", text.Text);
                        json.WriteStartArray("annotations");
                        json.WriteEndArray();
                        json.WriteEndObject();
                        json.WriteEndArray();
                        json.WriteEndObject();
                        break;
                    case FunctionCallContent call:
                        json.WriteStartObject();
                        json.WriteString("type", "function_call");
                        json.WriteString("call_id", CallId(call.CallId));
                        json.WriteString("name", call.Name);
                        json.WriteString("arguments", OpenAiChatRequest.Arguments(call));
                        json.WriteEndObject();
                        break;
                }
            }

            return;
        }

        json.WriteStartObject();
        json.WriteString("type", "message");
        var system = message.Role == ChatRole.System;
        json.WriteString("role", system ? reasoning ? "developer" : "system" : "user");
        json.WriteStartArray("content");
        if (system)
        {
            json.WriteStartObject();
            json.WriteString("type", "input_text");
            json.WriteString("text", string.Join(ProviderConventions.SystemPartSeparator, message.Contents.OfType<TextContent>().Select(t => t.Text)));
            json.WriteEndObject();
        }
        else
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        json.WriteStartObject();
                        json.WriteString("type", "input_text");
                        json.WriteString("text", text.Text);
                        json.WriteEndObject();
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        json.WriteStartObject();
                        json.WriteString("type", "input_image");
                        json.WriteString("detail", "auto");
                        json.WriteString("image_url", data.Uri);
                        json.WriteEndObject();
                        break;
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A reasoning item kept from an earlier answer goes back whole, minus its server-side id.</summary>
    private static void WriteReasoningItem(Utf8JsonWriter json, string data)
    {
        try
        {
            using var item = JsonDocument.Parse(data);
            if (item.RootElement.ValueKind != JsonValueKind.Object || !item.RootElement.TryGetProperty("type", out var type) || type.GetString() != "reasoning")
            {
                return;
            }

            json.WriteStartObject();
            foreach (var property in item.RootElement.EnumerateObject().Where(p => p.Name != "id"))
            {
                property.WriteTo(json);
            }

            json.WriteEndObject();
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>Calls are held as <c>call_id|item_id</c>; the wire wants the call id alone.</summary>
    internal static string CallId(string id) => id.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0 ? id[..bar] : id;

    private static string? Effort(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ProviderConventions.ThinkingLevel, out var level) == true && level is string text
            ? text switch
            {
                "minimal" or "low" or "medium" or "high" => text,
                "xhigh" or "max" or "adaptive" => "high",
                _ => null,
            }
            : null;
}
