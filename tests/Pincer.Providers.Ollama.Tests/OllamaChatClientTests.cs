using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;

namespace Pincer.Providers.Ollama.Tests;

public sealed class OllamaChatClientTests
{
    private const string Api = "ollama";

    [Theory]
    [InlineData("ollama")]
    [InlineData("ollama.tool-result")]
    public async Task Sends_the_body_the_reference_sent(string example)
    {
        var recorded = RecordedExamples.Load(example);
        await using var fake = await FakeModelServer.StartAsync();
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        var (messages, options) = OllamaExample.Conversation(recorded["body"]!.AsObject());

        await client.GetResponseAsync(messages, options);

        var request = Assert.Single(fake.Generations(FakeApi.Ollama));
        Assert.Equal(((string?)recorded["method"], (string?)recorded["path"]), (request.Method, request.Path));
        Assert.Equal((string?)recorded["headers"]!["authorization"], request.Header("authorization"));
        Assert.Equal((string?)recorded["headers"]!["content-type"], request.Header("content-type"));
        Assert.Equal(RecordedExamples.Canonical(recorded["body"]), RecordedExamples.Canonical(request.Json));
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("tool_call")]
    public void Tool_schemas_are_normalised_as_the_reference_sends_them_to_Ollama(string tool)
    {
        static JsonNode? Parameters(JsonObject body, string name, bool nested) =>
            body["tools"]!.AsArray().Single(t => (string?)(nested ? t!["function"]!["name"] : t!["name"]) == name)!["function"]!["parameters"];
        var plain = Parameters(RecordedExamples.Body("openai-completions"), tool, nested: true);
        var ollama = Parameters(RecordedExamples.Body("ollama"), tool, nested: true);

        Assert.Equal(RecordedExamples.Canonical(ollama), RecordedExamples.Canonical(OllamaToolSchema.Normalize(plain, isRoot: true)));
    }

    [Fact]
    public void A_nullable_union_gets_the_type_of_its_first_concrete_branch()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"q":{"anyOf":[{"type":"null"},{"type":"integer"}]},"e":{"enum":["a","b"]}}}""");

        Assert.Equal("""{"type":"object","properties":{"q":{"anyOf":[{"type":"null"},{"type":"integer"}],"type":"integer"},"e":{"enum":["a","b"],"type":"string"}}}""",
            OllamaToolSchema.Normalize(schema, isRoot: true).ToJsonString());
    }

    [Fact]
    public async Task Text_arrives_in_several_updates()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Crabs live in the sea.", chunks: 3)));
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where?")]))
        {
            updates.Add(update);
        }

        var texts = updates.Where(u => u.Contents.OfType<TextContent>().Any()).Select(u => u.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Equal("Crabs live in the sea.", string.Concat(texts));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Thinking_is_kept_only_for_reasoning_models()
    {
        var script = new FakeScript().Then(new FakeReply { Thinking = "Hmm.", Text = "Sea." }).Then(new FakeReply { Thinking = "Hmm.", Text = "Sea." });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var plain = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        var reasoning = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl) with { Reasoning = true }, http, TimeProvider.System);

        var without = await plain.GetResponseAsync([new ChatMessage(ChatRole.User, "Where?")]);
        var with = await reasoning.GetResponseAsync([new ChatMessage(ChatRole.User, "Where?")]);

        Assert.Empty(without.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.Equal("Hmm.", string.Concat(with.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("Sea.", with.Text);
    }

    [Fact]
    public async Task Tool_calls_come_whole_with_usage_and_tool_finish()
    {
        var script = new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("ls", """{"path":"."}""", "call_ls_1")) with { Usage = new FakeUsage(40, 7) });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "List.")]);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_ls_1", "ls", "."), (call.CallId, call.Name, call.Arguments!["path"]?.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((40L, 7L, 0L, 47L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.CachedInputTokenCount, response.Usage.TotalTokenCount));
    }

    [Theory]
    [InlineData(FakeErrorKind.InvalidKey, ProviderErrorKind.Auth, 401)]
    [InlineData(FakeErrorKind.RateLimit, ProviderErrorKind.RateLimit, 429)]
    [InlineData(FakeErrorKind.ServerError, ProviderErrorKind.ServerError, 500)]
    // "server busy" has no overload wording the classifier knows: a 503 is a server error, as in the reference.
    [InlineData(FakeErrorKind.Overloaded, ProviderErrorKind.ServerError, 503)]
    [InlineData(FakeErrorKind.Billing, ProviderErrorKind.Billing, 402)]
    [InlineData(FakeErrorKind.ContextOverflow, ProviderErrorKind.ContextOverflow, 400)]
    public async Task Http_errors_are_classified(FakeErrorKind error, ProviderErrorKind kind, int status)
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(error) with { RetryAfterSeconds = 3 }));
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal((kind, status), (failure.Kind, failure.StatusCode));
        Assert.Equal(error == FakeErrorKind.RateLimit ? TimeSpan.FromSeconds(3) : null, failure.RetryAfter);
    }

    [Fact]
    public async Task An_error_line_inside_the_stream_is_classified_by_its_message()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.ContextOverflow) with { ErrorInStream = true }));
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(ProviderErrorKind.ContextOverflow, failure.Kind);
    }

    [Fact]
    public async Task A_stalled_stream_times_out_after_the_first_token()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.StreamThenStall("one two three four", 4, 2)));
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl, TimeSpan.FromMilliseconds(400)), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal((ProviderErrorKind.Timeout, true), (failure.Kind, failure.AfterFirstToken));
    }

    [Fact]
    public async Task Cancellation_surfaces_as_cancellation_and_hangs_up()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.HangUntilCancelled()));
        using var http = new HttpClient();
        var client = new OllamaChatClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        using var cancel = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancel.Token);
        var request = await fake.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await request.Ended.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:11434", "http://127.0.0.1:11434/api/chat")]
    [InlineData("http://127.0.0.1:11434/v1/", "http://127.0.0.1:11434/api/chat")]
    public void The_chat_url_drops_an_openai_compatible_suffix(string baseUrl, string expected) =>
        Assert.Equal(expected, OllamaChatClient.ChatUrl(new Uri(baseUrl)).AbsoluteUri);
}
