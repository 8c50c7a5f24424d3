using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI.Tests;

/// <summary>The reference's recorded requests (tests/Pincer.Fakes/Examples) and what they share across APIs.</summary>
internal static class RecordedExamples
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", name + ".request.json")))!.AsObject();

    public static JsonObject Body(string name) => Load(name)["body"]!.AsObject();

    /// <summary>The endpoint the example's config describes, pointed at <paramref name="baseUrl"/>.</summary>
    public static ProviderEndpoint Endpoint(string api, string baseUrl, TimeSpan? idle = null) => new()
    {
        Provider = "fake",
        Api = api,
        BaseUrl = new Uri(baseUrl + "/v1"),
        Model = "fake-model",
        ApiKey = "test-key",
        MaxTokens = 4096,
        ContextWindow = 128000,
        IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>Chat options as the agent loop builds them: model cap, thinking off, tools with automatic choice.</summary>
    public static ChatOptions Options(IEnumerable<AITool> tools) => new()
    {
        ModelId = "fake-model",
        MaxOutputTokens = 4096,
        AdditionalProperties = new AdditionalPropertiesDictionary { [ProviderConventions.ThinkingLevel] = "off" },
        Tools = [.. tools],
        ToolMode = ChatToolMode.Auto,
    };

    public static AIFunctionDeclaration Tool(string name, string? description, JsonNode? parameters)
    {
        using var schema = JsonDocument.Parse(parameters?.ToJsonString() ?? "{}");
        return AIFunctionFactory.CreateDeclaration(name, description, schema.RootElement.Clone());
    }

    public static Dictionary<string, object?> Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The recorded body as text with the key order kept, for an exact comparison.</summary>
    public static string Canonical(JsonNode? node) => node?.ToJsonString() ?? "null";
}
