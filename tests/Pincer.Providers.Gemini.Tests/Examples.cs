using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Reference;

namespace Pincer.Providers.Gemini.Tests;

/// <summary>The reference's recorded requests (tests/Pincer.Fakes/Examples) and the pieces a test rebuilds them from.</summary>
internal static class Examples
{
    public static JsonObject Body(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", file)))!["body"]!.AsObject();

    public static ProviderEndpoint Endpoint(FakeModelServer fake, bool reasoning = false, int? maxTokens = 4096, TimeSpan? idle = null) => new()
    {
        Provider = FakeProviderConfig.Provider,
        Api = "google-generative-ai",
        BaseUrl = new Uri(fake.BaseUrl + "/v1beta"),
        Model = FakeProviderConfig.Model,
        ApiKey = FakeProviderConfig.ApiKey,
        MaxTokens = maxTokens,
        ContextWindow = 128000,
        Reasoning = reasoning,
        IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
    };

    public static TextContent Text(JsonNode? text, bool breakpoint = false)
    {
        var content = new TextContent((string)text!);
        if (breakpoint)
        {
            content.AdditionalProperties = new() { [ProviderConventions.CacheBreakpoint] = true };
        }

        return content;
    }

    /// <summary>The example's tool list as declarations, in its order.</summary>
    public static List<AITool> Tools(JsonArray tools) =>
        [.. tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration((string)t!["name"]!, (string?)t["description"], Schema(t["input_schema"]!)))];

    public static JsonElement Schema(JsonNode schema)
    {
        using var document = JsonDocument.Parse(schema.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts equal JSON, key order included, naming the first path that differs.</summary>
    public static void AssertSameJson(JsonNode expected, JsonNode? actual)
    {
        var difference = FirstDifference(expected, actual, "$");
        Assert.True(difference is null, difference);
        Assert.Equal(expected.ToJsonString(), actual!.ToJsonString());
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                var ek = e.Select(p => p.Key).ToList();
                var ak = a.Select(p => p.Key).ToList();
                if (!ek.SequenceEqual(ak))
                {
                    return $"{path}: keys [{string.Join(",", ek)}] != [{string.Join(",", ak)}]";
                }

                return ek.Select(k => FirstDifference(e[k], a[k], $"{path}.{k}")).FirstOrDefault(d => d is not null);
            case JsonArray e when actual is JsonArray a:
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} items != {a.Count}";
                }

                return e.Select((item, i) => FirstDifference(item, a[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path}: {Cut(expected)} != {Cut(actual)}";
        }
    }

    private static string Cut(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
