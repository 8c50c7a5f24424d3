using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI.Tests;

/// <summary>
/// Turns a recorded Chat Completions body back into the Microsoft.Extensions.AI conversation the agent loop
/// would hand the client, so sending it must reproduce the body.
/// </summary>
internal static class ChatCompletionsExample
{
    public static (List<ChatMessage> Messages, ChatOptions Options) Conversation(JsonObject body)
    {
        var messages = new List<ChatMessage>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in body["messages"]!.AsArray().Select(m => m!.AsObject()))
        {
            var content = message["content"];
            switch ((string?)message["role"])
            {
                case "system":
                    messages.Add(new ChatMessage(ChatRole.System, (string?)content));
                    break;
                case "user" when content is JsonArray blocks:
                    messages.Add(new ChatMessage(ChatRole.User, [.. blocks.Select(b => (AIContent)new TextContent((string?)b!["text"]))]));
                    break;
                case "user":
                    messages.Add(new ChatMessage(ChatRole.User, (string?)content) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } });
                    break;
                case "assistant":
                    var contents = new List<AIContent>();
                    if ((string?)content is { } text)
                    {
                        contents.Add(new TextContent(text));
                    }

                    foreach (var call in message["tool_calls"]?.AsArray() ?? [])
                    {
                        var id = (string)call!["id"]!;
                        var name = (string)call["function"]!["name"]!;
                        names[id] = name;
                        contents.Add(new FunctionCallContent(id, name, RecordedExamples.Arguments((string)call["function"]!["arguments"]!)));
                    }

                    messages.Add(new ChatMessage(ChatRole.Assistant, contents));
                    break;
                case "tool":
                    var callId = (string)message["tool_call_id"]!;
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, (string?)content)
                    {
                        AdditionalProperties = new() { [ProviderConventions.ToolName] = names.GetValueOrDefault(callId), [ProviderConventions.ToolError] = false },
                    }]));
                    break;
            }
        }

        var tools = body["tools"]!.AsArray().Select(t => RecordedExamples.Tool((string)t!["function"]!["name"]!, (string?)t["function"]!["description"], t["function"]!["parameters"]));
        return (messages, RecordedExamples.Options(tools));
    }
}
