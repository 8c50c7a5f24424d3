using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;
using static Pincer.Providers.Gemini.Tests.Examples;

namespace Pincer.Providers.Gemini.Tests;

public sealed class GeminiRequestBodyTests
{
    [Fact]
    public async Task A_plain_turn_sends_the_reference_request()
    {
        var expected = Body("google-generative-ai.request.json");
        var contents = expected["contents"]!.AsArray();
        List<ChatMessage> conversation =
        [
            System(expected),
            new(ChatRole.User, [Text(contents[0]!["parts"]![0]!["text"])]) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } },
            new(ChatRole.User, [Text(contents[1]!["parts"]![0]!["text"])]),
        ];

        await using var fake = await FakeModelServer.StartAsync();
        var request = await SendAsync(fake, conversation);

        Assert.Equal(("POST", "/v1beta/models/fake-model:streamGenerateContent", "?alt=sse"), (request.Method, request.Path, request.Query));
        Assert.Equal("test-key", request.Header("x-goog-api-key"));
        Assert.Equal("application/json", request.Header("content-type"));
        AssertSameJson(expected, request.Json);
    }

    [Fact]
    public async Task A_tool_result_turn_sends_the_reference_request()
    {
        var expected = Body("google-generative-ai.tool-result.request.json");
        var contents = expected["contents"]!.AsArray();
        var result = new FunctionResultContent("call_ls_1", (string?)contents[2]!["parts"]![0]!["functionResponse"]!["response"]!["output"])
        {
            AdditionalProperties = new() { [ProviderConventions.ToolName] = "ls", [ProviderConventions.ToolError] = false },
        };
        List<ChatMessage> conversation =
        [
            System(expected),
            new(ChatRole.User, [Text(contents[0]!["parts"]![0]!["text"])]) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } },
            new(ChatRole.Assistant, [new FunctionCallContent("call_ls_1", "ls", new Dictionary<string, object?> { ["path"] = "." })]),
            new(ChatRole.Tool, [result]),
            new(ChatRole.User, [Text(contents[3]!["parts"]![0]!["text"])]),
        ];

        await using var fake = await FakeModelServer.StartAsync();
        var request = await SendAsync(fake, conversation);

        AssertSameJson(expected, request.Json);
    }

    [Fact]
    public void Failed_results_answer_with_error_and_take_the_name_of_their_call_when_unnamed()
    {
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "go"),
            new(ChatRole.Assistant, [new FunctionCallContent("a_1", "read", null) { AdditionalProperties = new() { [ProviderConventions.ThoughtSignature] = "sig1" } }]),
            new(ChatRole.Tool, [new FunctionResultContent("a_1", "missing") { AdditionalProperties = new() { [ProviderConventions.ToolError] = true } }]),
        ];

        var contents = Write(conversation)["contents"]!.AsArray();

        Assert.Equal("""{"parts":[{"functionCall":{"args":{},"id":"a1","name":"read"},"thoughtSignature":"sig1"}],"role":"model"}""", contents[1]!.ToJsonString());
        Assert.Equal("""{"parts":[{"functionResponse":{"name":"read","response":{"error":"missing"},"id":"a1"}}],"role":"user"}""", contents[2]!.ToJsonString());
    }

    [Theory]
    [InlineData("gemini-2.5-pro", "medium", """{"includeThoughts":true,"thinkingBudget":8192}""")]
    [InlineData("gemini-3-pro-preview", "low", """{"includeThoughts":true,"thinkingLevel":"LOW"}""")]
    [InlineData("gemini-2.5-pro", "off", null)]
    public void Reasoning_models_get_a_thinking_config_for_the_level(string model, string level, string? expected)
    {
        var options = new ChatOptions { MaxOutputTokens = 1000, AdditionalProperties = new() { [ProviderConventions.ThinkingLevel] = level } };
        var config = Write([new ChatMessage(ChatRole.User, "q")], options, model, reasoning: true)["generationConfig"]!;

        Assert.Equal(1000, (int)config["maxOutputTokens"]!);
        Assert.Equal(expected, config["thinkingConfig"]?.ToJsonString());
    }

    private static ChatMessage System(JsonObject body) =>
        new(ChatRole.System, [Text(body["systemInstruction"]!["parts"]![0]!["text"])]);

    // Gemini gets the same tool definitions as the other APIs; the Anthropic example holds them unaltered.
    private static ChatOptions Options() => new()
    {
        Tools = Tools(Body("anthropic-messages.request.json")["tools"]!.AsArray()),
        AdditionalProperties = new() { [ProviderConventions.ThinkingLevel] = "off", [ProviderConventions.CacheBreakpoint] = true },
    };

    private static async Task<RecordedRequest> SendAsync(FakeModelServer fake, List<ChatMessage> conversation)
    {
        using var http = new HttpClient();
        using var client = new GeminiClient(Endpoint(fake), http, TimeProvider.System);
        var response = await client.GetResponseAsync(conversation, Options());
        Assert.Equal("Fake reply.", response.Text);
        return Assert.Single(fake.Generations(FakeApi.GoogleGenerativeAi));
    }

    private static JsonObject Write(List<ChatMessage> conversation, ChatOptions? options = null, string model = "fake-model", bool reasoning = false)
    {
        var endpoint = new ProviderEndpoint { Provider = "fake", Api = "google-generative-ai", BaseUrl = new Uri("http://127.0.0.1:9/v1beta"), Model = model, Reasoning = reasoning };
        return JsonNode.Parse(GeminiRequest.Write(endpoint, model, conversation, options))!.AsObject();
    }
}
