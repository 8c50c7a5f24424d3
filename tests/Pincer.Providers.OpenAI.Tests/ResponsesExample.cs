using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI.Tests;

/// <summary>Turns a recorded Responses body back into the conversation the agent loop would hand the client.</summary>
internal static class ResponsesExample
{
    public static (List<ChatMessage> Messages, ChatOptions Options) Conversation(JsonObject body)
    {
        var messages = new List<ChatMessage>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in body["input"]!.AsArray().Select(i => i!.AsObject()))
        {
            switch ((string?)item["type"])
            {
                case "message":
                    var role = (string?)item["role"] switch { "system" or "developer" => ChatRole.System, "assistant" => ChatRole.Assistant, _ => ChatRole.User };
                    messages.Add(new ChatMessage(role, [.. item["content"]!.AsArray().Select(c => (AIContent)new TextContent((string?)c!["text"]))]));
                    break;
                case "function_call":
                    var id = (string)item["call_id"]!;
                    names[id] = (string)item["name"]!;
                    messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, names[id], RecordedExamples.Arguments((string)item["arguments"]!))]));
                    break;
                case "function_call_output":
                    var callId = (string)item["call_id"]!;
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, (string?)item["output"])
                    {
                        AdditionalProperties = new() { [ProviderConventions.ToolName] = names.GetValueOrDefault(callId), [ProviderConventions.ToolError] = false },
                    }]));
                    break;
            }
        }

        var tools = body["tools"]!.AsArray().Select(t => RecordedExamples.Tool((string)t!["name"]!, (string?)t["description"], t["parameters"]));
        return (messages, RecordedExamples.Options(tools));
    }
}
