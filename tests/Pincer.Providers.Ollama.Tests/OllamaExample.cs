using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Ollama.Tests;

/// <summary>Turns a recorded <c>/api/chat</c> body back into the conversation the agent loop would hand the client.</summary>
internal static class OllamaExample
{
    public static (List<ChatMessage> Messages, ChatOptions Options) Conversation(JsonObject body)
    {
        var messages = new List<ChatMessage>();
        foreach (var message in body["messages"]!.AsArray().Select(m => m!.AsObject()))
        {
            var content = (string?)message["content"];
            switch ((string?)message["role"])
            {
                case "system":
                    messages.Add(new ChatMessage(ChatRole.System, content));
                    break;
                case "user":
                    messages.Add(new ChatMessage(ChatRole.User, content) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } });
                    break;
                case "assistant":
                    var contents = new List<AIContent>();
                    if (content is { Length: > 0 })
                    {
                        contents.Add(new TextContent(content));
                    }

                    foreach (var call in message["tool_calls"]?.AsArray() ?? [])
                    {
                        contents.Add(new FunctionCallContent((string)call!["id"]!, (string)call["function"]!["name"]!,
                            RecordedExamples.Arguments(call["function"]!["arguments"]!.ToJsonString())));
                    }

                    messages.Add(new ChatMessage(ChatRole.Assistant, contents));
                    break;
                case "tool":
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent((string)message["tool_call_id"]!, content)
                    {
                        AdditionalProperties = new() { [ProviderConventions.ToolName] = (string?)message["tool_name"], [ProviderConventions.ToolError] = false },
                    }]));
                    break;
            }
        }

        var tools = body["tools"]!.AsArray().Select(t => RecordedExamples.Tool((string)t!["function"]!["name"]!, (string?)t["function"]!["description"], t["function"]!["parameters"]));
        return (messages, RecordedExamples.Options(tools));
    }
}
