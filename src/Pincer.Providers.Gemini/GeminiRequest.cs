using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Gemini;

/// <summary>The <c>streamGenerateContent</c> request body, in the field order and part shapes the reference's SDK writes.</summary>
internal static class GeminiRequest
{
    public static byte[] Write(ProviderEndpoint endpoint, string model, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var all = messages.ToList();
        var system = string.Join(ProviderConventions.SystemPartSeparator,
            all.Where(m => m.Role == ChatRole.System).SelectMany(m => m.Contents.OfType<TextContent>()).Select(t => t.Text).Where(t => t.Length > 0));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("contents");
            WriteContents(json, all.Where(m => m.Role != ChatRole.System).ToList());
            json.WriteEndArray();
            if (system.Length > 0)
            {
                // The SDK turns the system string into a user-role content.
                json.WriteStartObject("systemInstruction");
                json.WriteStartArray("parts");
                json.WriteStartObject();
                json.WriteString("text", system);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteString("role", "user");
                json.WriteEndObject();
            }

            var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
            if (tools.Count > 0)
            {
                WriteTools(json, tools);
                WriteToolConfig(json, options?.ToolMode);
            }

            json.WriteStartObject("generationConfig");
            if (options?.Temperature is { } temperature)
            {
                json.WriteNumber("temperature", temperature);
            }

            // Unlike the other APIs, the reference sends no output cap to Gemini unless the call names one.
            if (options?.MaxOutputTokens is { } max)
            {
                json.WriteNumber("maxOutputTokens", max);
            }

            if (endpoint.Reasoning)
            {
                WriteThinking(json, model, Level(options));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteContents(Utf8JsonWriter json, List<ChatMessage> messages)
    {
        // Function responses name the function; the call that asked for it is the fallback when the result lacks it.
        var callNames = messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).GroupBy(c => c.CallId).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        List<FunctionResultContent> results = [];
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                results.AddRange(message.Contents.OfType<FunctionResultContent>());
                continue;
            }

            FlushResults(json, results, callNames);
            if (message.Role == ChatRole.Assistant)
            {
                WriteModel(json, message);
            }
            else
            {
                WriteUser(json, message);
            }
        }

        FlushResults(json, results, callNames);
    }

    private static void WriteUser(Utf8JsonWriter json, ChatMessage message)
    {
        var parts = message.Contents.Where(c => c is TextContent { Text: var t } ? !string.IsNullOrWhiteSpace(t) : c is DataContent d && d.HasTopLevelMediaType("image")).ToList();
        if (parts.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("parts");
        foreach (var content in parts)
        {
            json.WriteStartObject();
            if (content is TextContent text)
            {
                json.WriteString("text", text.Text);
            }
            else if (content is DataContent data)
            {
                json.WriteStartObject("inlineData");
                json.WriteString("mimeType", data.MediaType);
                json.WriteString("data", data.Base64Data.Span);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("role", "user");
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, ChatMessage message)
    {
        var parts = message.Contents.Where(c => c switch
        {
            TextContent text => !string.IsNullOrWhiteSpace(text.Text),
            TextReasoningContent reasoning => !string.IsNullOrWhiteSpace(reasoning.Text),
            FunctionCallContent => true,
            _ => false,
        }).ToList();
        if (parts.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("parts");
        foreach (var content in parts)
        {
            json.WriteStartObject();
            switch (content)
            {
                case TextContent text:
                    json.WriteString("text", text.Text);
                    WriteSignature(json, Signature(text.AdditionalProperties));
                    break;
                case TextReasoningContent { ProtectedData.Length: > 0 } signed:
                    json.WriteBoolean("thought", true);
                    json.WriteString("text", signed.Text);
                    WriteSignature(json, signed.ProtectedData);
                    break;
                case TextReasoningContent unsigned:
                    // Thoughts without a signature (another model's) cannot be replayed as thoughts.
                    json.WriteString("text", unsigned.Text);
                    break;
                case FunctionCallContent call:
                    json.WriteStartObject("functionCall");
                    json.WritePropertyName("args");
                    ToolArguments.Write(json, call.Arguments);
                    if (ToolCallIds.Strict(call.CallId) is { Length: > 0 } id)
                    {
                        json.WriteString("id", id);
                    }

                    json.WriteString("name", call.Name);
                    json.WriteEndObject();
                    WriteSignature(json, Signature(call.AdditionalProperties));
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("role", "model");
        json.WriteEndObject();
    }

    private static void FlushResults(Utf8JsonWriter json, List<FunctionResultContent> results, Dictionary<string, string> callNames)
    {
        if (results.Count == 0)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("parts");
        foreach (var result in results)
        {
            var name = result.AdditionalProperties?.TryGetValue(ProviderConventions.ToolName, out var n) == true && n is string { Length: > 0 } named
                ? named
                : callNames.GetValueOrDefault(result.CallId, "");
            json.WriteStartObject();
            json.WriteStartObject("functionResponse");
            json.WriteString("name", name);
            json.WriteStartObject("response");
            json.WriteString(Flag(result.AdditionalProperties, ProviderConventions.ToolError) ? "error" : "output", ResultText(result));
            json.WriteEndObject();
            if (ToolCallIds.Strict(result.CallId) is { Length: > 0 } id)
            {
                json.WriteString("id", id);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("role", "user");
        json.WriteEndObject();
        results.Clear();
    }

    private static void WriteTools(Utf8JsonWriter json, List<AIFunctionDeclaration> tools)
    {
        json.WriteStartArray("tools");
        json.WriteStartObject();
        json.WriteStartArray("functionDeclarations");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("name", tool.Name);
            if (tool.Description is { Length: > 0 } description)
            {
                json.WriteString("description", description);
            }

            json.WritePropertyName("parametersJsonSchema");
            WriteSchema(json, tool.JsonSchema);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>The tool's schema as is, except that an empty top-level <c>required</c> is left out, as the reference does for Gemini.</summary>
    private static void WriteSchema(Utf8JsonWriter json, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            schema.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        foreach (var property in schema.EnumerateObject())
        {
            if (property.NameEquals("required") && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0)
            {
                continue;
            }

            property.WriteTo(json);
        }

        json.WriteEndObject();
    }

    private static void WriteToolConfig(Utf8JsonWriter json, ChatToolMode? mode)
    {
        var (callingMode, only) = mode switch
        {
            NoneChatToolMode => ("NONE", null),
            RequiredChatToolMode required => ("ANY", required.RequiredFunctionName),
            _ => ((string?)null, (string?)null),
        };
        if (callingMode is null)
        {
            return;
        }

        json.WriteStartObject("toolConfig");
        json.WriteStartObject("functionCallingConfig");
        json.WriteString("mode", callingMode);
        if (only is not null)
        {
            json.WriteStartArray("allowedFunctionNames");
            json.WriteStringValue(only);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteThinking(Utf8JsonWriter json, string model, string? level)
    {
        var usesLevels = GeminiThinking.UsesLevels(model);
        var thinkingLevel = usesLevels ? GeminiThinking.Level(level) : null;
        var budget = usesLevels ? null : GeminiThinking.Budget(level);
        if (thinkingLevel is null && budget is null)
        {
            return;
        }

        json.WriteStartObject("thinkingConfig");
        json.WriteBoolean("includeThoughts", true);
        if (thinkingLevel is not null)
        {
            json.WriteString("thinkingLevel", thinkingLevel);
        }
        else
        {
            json.WriteNumber("thinkingBudget", budget!.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter json, string? signature)
    {
        if (signature is { Length: > 0 })
        {
            json.WriteString("thoughtSignature", signature);
        }
    }

    internal static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        var other => other.ToString() ?? "",
    };

    private static string? Signature(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(ProviderConventions.ThoughtSignature, out var value) == true ? value as string : null;

    private static bool Flag(AdditionalPropertiesDictionary? properties, string key) =>
        properties?.TryGetValue(key, out var value) == true && value is true;

    private static string? Level(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ProviderConventions.ThinkingLevel, out var level) == true ? level as string : null;
}
