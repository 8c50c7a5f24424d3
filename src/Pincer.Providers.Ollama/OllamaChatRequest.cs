using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Ollama;

/// <summary>The native <c>/api/chat</c> request body, in the field order the reference writes it.</summary>
internal static class OllamaChatRequest
{
    /// <summary>On <c>ChatOptions.AdditionalProperties</c>: an explicit <c>options.num_ctx</c> (the reference sends none by default).</summary>
    public const string NumCtxKey = "ollama.num_ctx";

    /// <summary>On <c>ChatOptions.AdditionalProperties</c>: an explicit <c>options.num_predict</c>. The agent's
    /// <c>MaxOutputTokens</c> is not sent: the reference's native Ollama stream gets no token cap.</summary>
    public const string NumPredictKey = "ollama.num_predict";

    public static byte[] Write(ProviderEndpoint endpoint, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", WireModel(options?.ModelId ?? endpoint.Model, endpoint.Provider));
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", true);
            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().OrderBy(t => t.Name, StringComparer.Ordinal).ToList() ?? [];
            if (tools.Count > 0)
            {
                json.WriteStartArray("tools");
                foreach (var tool in tools)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", tool.Name);
                    json.WriteString("description", tool.Description ?? "");
                    json.WritePropertyName("parameters");
                    OllamaToolSchema.Normalize(JsonNode.Parse(tool.JsonSchema.GetRawText()), isRoot: true).WriteTo(json);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            WriteOptions(json, options);
            json.WriteBoolean("truncate", false);
            json.WriteBoolean("shift", false);
            switch (Think(options, endpoint.Reasoning))
            {
                case bool flag:
                    json.WriteBoolean("think", flag);
                    break;
                case string level:
                    json.WriteString("think", level);
                    break;
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatOptions? options)
    {
        var extra = options?.AdditionalProperties;
        json.WriteStartObject("options");
        if (extra?.TryGetValue(NumCtxKey, out var numCtx) == true && numCtx is int ctx)
        {
            json.WriteNumber("num_ctx", ctx);
        }

        if (options?.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (extra?.TryGetValue(NumPredictKey, out var numPredict) == true && numPredict is int predict)
        {
            json.WriteNumber("num_predict", predict);
        }

        // Greedy sampling (temperature 0) is only deterministic with top_p 1.
        var topP = options?.Temperature == 0 && options.TopP is null or not 1 ? 1 : options?.TopP;
        if (topP is { } p)
        {
            json.WriteNumber("top_p", p);
        }

        if (options?.FrequencyPenalty is { } frequency)
        {
            json.WriteNumber("frequency_penalty", frequency);
        }

        if (options?.PresencePenalty is { } presence)
        {
            json.WriteNumber("presence_penalty", presence);
        }

        if (options?.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
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
                if (result.CallId is { Length: > 0 } id)
                {
                    json.WriteString("tool_call_id", id);
                }

                if (result.AdditionalProperties?.TryGetValue(ProviderConventions.ToolName, out var name) == true && name is string { Length: > 0 } toolName)
                {
                    json.WriteString("tool_name", toolName);
                }

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
            json.WriteString("content", string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text)));
            var thinking = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(t => t.Text));
            if (thinking.Length > 0)
            {
                json.WriteString("thinking", thinking);
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                json.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    json.WriteStartObject();
                    if (call.CallId is { Length: > 0 } id)
                    {
                        json.WriteString("id", id);
                    }

                    json.WriteStartObject("function");
                    json.WriteString("name", call.Name);
                    json.WritePropertyName("arguments");
                    ToolArguments.Write(json, call.Arguments);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
        }
        else
        {
            json.WriteString("role", "user");
            json.WriteString("content", string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text)));
            var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList();
            if (images.Count > 0)
            {
                json.WriteStartArray("images");
                foreach (var image in images)
                {
                    json.WriteStringValue(Convert.ToBase64String(image.Data.Span));
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }

    /// <summary>The thinking level as Ollama's <c>think</c>: off is false; a level is sent only to reasoning models.</summary>
    private static object? Think(ChatOptions? options, bool reasoning)
    {
        if (options?.AdditionalProperties?.TryGetValue(ProviderConventions.ThinkingLevel, out var raw) != true || raw is not string level)
        {
            return null;
        }

        object? think = level switch
        {
            "off" => false,
            "minimal" => "low",
            "low" or "medium" or "high" => level,
            "xhigh" or "adaptive" or "max" => "high",
            _ => null,
        };
        return think is false || reasoning ? think : null;
    }

    /// <summary>Model refs may carry the provider prefix (<c>ollama/llama3</c>); the wire wants the bare id.</summary>
    private static string WireModel(string model, string provider)
    {
        var trimmed = model.Trim();
        foreach (var prefix in (string[])[provider + "/", "ollama/"])
        {
            if (prefix.Length > 1 && trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                return trimmed[prefix.Length..];
            }
        }

        return trimmed;
    }
}
