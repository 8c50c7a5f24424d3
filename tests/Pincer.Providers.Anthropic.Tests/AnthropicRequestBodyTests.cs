using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;
using static Pincer.Providers.Anthropic.Tests.Examples;

namespace Pincer.Providers.Anthropic.Tests;

public sealed class AnthropicRequestBodyTests
{
    [Fact]
    public async Task A_plain_turn_sends_the_reference_request()
    {
        var expected = Body("anthropic-messages.request.json");
        var messages = expected["messages"]!.AsArray();
        List<ChatMessage> conversation =
        [
            System(expected),
            new(ChatRole.User, [Text(messages[0]!["content"]![0]!["text"], breakpoint: true)]) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } },
            new(ChatRole.User, [Text(messages[1]!["content"]![0]!["text"])]),
        ];

        await using var fake = await FakeModelServer.StartAsync();
        var request = await SendAsync(fake, conversation, Options(expected));

        Assert.Equal(("POST", "/v1/messages", ""), (request.Method, request.Path, request.Query));
        Assert.Equal("test-key", request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Equal("application/json", request.Header("accept"));
        Assert.Equal("application/json", request.Header("content-type"));
        AssertSameJson(expected, request.Json);
    }

    [Fact]
    public async Task A_tool_result_turn_sends_the_reference_request()
    {
        var expected = Body("anthropic-messages.tool-result.request.json");
        var messages = expected["messages"]!.AsArray();
        var result = new FunctionResultContent("call_ls_1", (string?)messages[2]!["content"]![0]!["content"])
        {
            AdditionalProperties = new()
            {
                [ProviderConventions.ToolName] = "ls",
                [ProviderConventions.ToolError] = false,
                [ProviderConventions.CacheBreakpoint] = true,
            },
        };
        List<ChatMessage> conversation =
        [
            System(expected),
            new(ChatRole.User, [Text(messages[0]!["content"]![0]!["text"], breakpoint: true)]) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } },
            new(ChatRole.Assistant, [new FunctionCallContent("call_ls_1", "ls", new Dictionary<string, object?> { ["path"] = "." })]),
            new(ChatRole.Tool, [result]),
            new(ChatRole.User, [Text(messages[3]!["content"]![0]!["text"])]),
        ];

        await using var fake = await FakeModelServer.StartAsync();
        var request = await SendAsync(fake, conversation, Options(expected));

        AssertSameJson(expected, request.Json);
    }

    [Fact]
    public void A_transcript_string_without_a_breakpoint_stays_a_string()
    {
        var body = Write([new ChatMessage(ChatRole.User, "hello") { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } }]);

        Assert.Equal("""[{"role":"user","content":"hello"}]""", body["messages"]!.ToJsonString());
        Assert.Null(body["system"]);
        Assert.Null(body["tools"]);
    }

    [Fact]
    public void Consecutive_tool_results_share_one_user_turn_and_failures_are_flagged()
    {
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "go"),
            new(ChatRole.Assistant, [new TextContent("Two calls."), new FunctionCallContent("a_1", "read", new Dictionary<string, object?> { ["path"] = "x", ["limit"] = 3 }), new FunctionCallContent("b_2", "ls", null)]),
            new(ChatRole.Tool, [new FunctionResultContent("a_1", "text of x")]),
            new(ChatRole.Tool, [new FunctionResultContent("b_2", "no such dir") { AdditionalProperties = new() { [ProviderConventions.ToolError] = true } }]),
        ];

        var messages = Write(conversation)["messages"]!;

        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"go"}]},""" +
            """{"role":"assistant","content":[{"type":"text","text":"Two calls."},{"type":"tool_use","id":"a1","name":"read","input":{"path":"x","limit":3}},{"type":"tool_use","id":"b2","name":"ls","input":{}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"a1","content":"text of x","is_error":false},{"type":"tool_result","tool_use_id":"b2","content":"no such dir","is_error":true}]}]""",
            messages.ToJsonString());
    }

    [Fact]
    public void Signed_thinking_is_replayed_as_thinking_and_unsigned_thinking_as_text()
    {
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "q"),
            new(ChatRole.Assistant, [new TextReasoningContent("hmm") { ProtectedData = "sig==" }, new TextContent("a")]),
            new(ChatRole.User, "q2"),
            new(ChatRole.Assistant, [new TextReasoningContent("another model thought"), new TextContent("b")]),
        ];

        var messages = Write(conversation)["messages"]!.AsArray();

        Assert.Equal("""[{"type":"thinking","thinking":"hmm","signature":"sig=="},{"type":"text","text":"a"}]""", messages[1]!["content"]!.ToJsonString());
        Assert.Equal("""[{"type":"text","text":"another model thought"},{"type":"text","text":"b"}]""", messages[3]!["content"]!.ToJsonString());
    }

    [Theory]
    [InlineData("medium", 64000, 40192, 8192)]
    [InlineData("high", 4096, 4096, 3072)]
    [InlineData("xhigh", 128000, 48384, 16384)]
    [InlineData("minimal", 64000, 33024, 1024)]
    public void A_reasoning_model_thinks_with_the_level_budget_on_top_of_the_answer_cap(string level, int modelMax, int maxTokens, int budget)
    {
        var options = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { [ProviderConventions.ThinkingLevel] = level } };
        var body = Write([new ChatMessage(ChatRole.User, "q")], options, Endpoint(reasoning: true, maxTokens: modelMax));

        Assert.Equal(maxTokens, (int)body["max_tokens"]!);
        Assert.Equal($$"""{"type":"enabled","budget_tokens":{{budget}}}""", body["thinking"]!.ToJsonString());
        Assert.Null(body["temperature"]);
    }

    [Theory]
    [InlineData(true, "off")]
    [InlineData(false, "high")]
    public void Thinking_off_or_a_non_reasoning_model_sends_no_thinking(bool reasoning, string level)
    {
        var options = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { [ProviderConventions.ThinkingLevel] = level } };
        var body = Write([new ChatMessage(ChatRole.User, "q")], options, Endpoint(reasoning, maxTokens: 64000));

        Assert.Null(body["thinking"]);
        Assert.Equal(32000, (int)body["max_tokens"]!);
        Assert.Equal(0.5, (double)body["temperature"]!, 3);
    }

    [Fact]
    public void A_required_tool_mode_becomes_tool_choice_after_the_tools()
    {
        var tool = AIFunctionFactory.CreateDeclaration("ls", "List", Schema(JsonNode.Parse("""{"type":"object","properties":{}}""")!));
        var any = Write([new ChatMessage(ChatRole.User, "q")], new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny });
        var named = Write([new ChatMessage(ChatRole.User, "q")], new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireSpecific("ls") });
        var auto = Write([new ChatMessage(ChatRole.User, "q")], new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.Auto });

        Assert.Equal("tool_choice", any.Select(p => p.Key).Last());
        Assert.Equal("""{"type":"any"}""", any["tool_choice"]!.ToJsonString());
        Assert.Equal("""{"type":"tool","name":"ls"}""", named["tool_choice"]!.ToJsonString());
        Assert.Null(auto["tool_choice"]);
    }

    private static ChatMessage System(JsonObject body) =>
        new(ChatRole.System, [.. body["system"]!.AsArray().Select(b => (AIContent)Text(b!["text"], breakpoint: b["cache_control"] is not null))]);

    private static ChatOptions Options(JsonObject body) => new()
    {
        Tools = Tools(body["tools"]!.AsArray()),
        AdditionalProperties = new() { [ProviderConventions.ThinkingLevel] = "off", [ProviderConventions.CacheBreakpoint] = true },
    };

    private static async Task<RecordedRequest> SendAsync(FakeModelServer fake, List<ChatMessage> conversation, ChatOptions options)
    {
        using var http = new HttpClient();
        using var client = new AnthropicMessagesClient(Examples.Endpoint(fake), http, TimeProvider.System);
        var response = await client.GetResponseAsync(conversation, options);
        Assert.Equal("Fake reply.", response.Text);
        return Assert.Single(fake.Generations(FakeApi.AnthropicMessages));
    }

    private static ProviderEndpoint Endpoint(bool reasoning = false, int? maxTokens = 4096) => new()
    {
        Provider = "fake",
        Api = "anthropic-messages",
        BaseUrl = new Uri("http://127.0.0.1:9"),
        Model = "fake-model",
        MaxTokens = maxTokens,
        Reasoning = reasoning,
    };

    private static JsonObject Write(List<ChatMessage> conversation, ChatOptions? options = null, ProviderEndpoint? endpoint = null) =>
        JsonNode.Parse(AnthropicMessagesRequest.Write(endpoint ?? Endpoint(), conversation, options))!.AsObject();
}
