using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;

namespace Pincer.Providers.OpenAI.Tests;

public sealed class OpenAiChatCompletionsClientTests
{
    private const string Api = "openai-completions";

    [Theory]
    [InlineData("openai-completions")]
    [InlineData("openai-completions.tool-result")]
    public async Task Sends_the_body_the_reference_sent(string example)
    {
        var recorded = RecordedExamples.Load(example);
        await using var fake = await FakeModelServer.StartAsync();
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        var (messages, options) = ChatCompletionsExample.Conversation(recorded["body"]!.AsObject());

        await client.GetResponseAsync(messages, options);

        var request = Assert.Single(fake.Generations(FakeApi.OpenAiCompletions));
        Assert.Equal(((string?)recorded["method"], (string?)recorded["path"]), (request.Method, request.Path));
        foreach (var name in (string[])["authorization", "content-type", "accept"])
        {
            Assert.Equal((string?)recorded["headers"]![name], request.Header(name));
        }

        Assert.Equal(RecordedExamples.Canonical(recorded["body"]), RecordedExamples.Canonical(request.Json));
    }

    [Fact]
    public async Task Text_arrives_in_several_updates_and_ends_with_the_finish_reason()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Crabs live in the sea.", chunks: 3)));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var updates = await Collect(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where do crabs live?")]));

        var texts = updates.Where(u => u.Contents.OfType<TextContent>().Any()).Select(u => u.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Equal("Crabs live in the sea.", string.Concat(texts));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.All(updates, u => Assert.Equal("chatcmpl-fake0", u.ResponseId));
    }

    [Fact]
    public async Task Reasoning_deltas_become_reasoning_content()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(new FakeReply { Thinking = "Shores, mostly.", Text = "By the sea." }));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Where?")]);

        var message = Assert.Single(response.Messages);
        Assert.Equal("Shores, mostly.", string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("By the sea.", message.Text);
    }

    [Fact]
    public async Task Tool_call_deltas_are_assembled_into_whole_calls()
    {
        var script = new FakeScript().Then(FakeReply.CallTools(
            new FakeToolCall("ls", """{"path":"."}""", "call_ls_1"),
            new FakeToolCall("read", """{"path":"AGENTS.md","limit":20}""")) with { Chunks = 3 });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "List the workspace.")]);

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_ls_1", "ls", """{"path":"."}"""), (calls[0].CallId, calls[0].Name, (string?)calls[0].RawRepresentation));
        Assert.Equal(".", calls[0].Arguments!["path"]?.ToString());
        Assert.Equal(("call_fake0_1", "read"), (calls[1].CallId, calls[1].Name));
        Assert.Equal("20", calls[1].Arguments!["limit"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task Usage_counts_input_without_the_cached_part()
    {
        var script = new FakeScript().Then(FakeReply.Say("ok") with { Usage = new FakeUsage(12, 5, CacheRead: 30, Reasoning: 2) });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        var usage = response.Usage!;
        Assert.Equal((12L, 5L, 30L, 2L, 47L), (usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount, usage.TotalTokenCount));
    }

    [Theory]
    [InlineData(FakeErrorKind.InvalidKey, ProviderErrorKind.Auth, 401)]
    [InlineData(FakeErrorKind.RateLimit, ProviderErrorKind.RateLimit, 429)]
    [InlineData(FakeErrorKind.ServerError, ProviderErrorKind.ServerError, 500)]
    [InlineData(FakeErrorKind.Overloaded, ProviderErrorKind.Overloaded, 503)]
    // OpenAI's quota answer is a 429; by the reference's rules the status wins: rate_limit.
    [InlineData(FakeErrorKind.Billing, ProviderErrorKind.RateLimit, 429)]
    [InlineData(FakeErrorKind.ContextOverflow, ProviderErrorKind.ContextOverflow, 400)]
    public async Task Http_errors_are_classified(FakeErrorKind error, ProviderErrorKind kind, int status)
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(error) with { RetryAfterSeconds = 3 }));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal((kind, status), (failure.Kind, failure.StatusCode));
        Assert.Equal(error == FakeErrorKind.RateLimit ? TimeSpan.FromSeconds(3) : null, failure.RetryAfter);
        Assert.False(failure.AfterFirstToken);
    }

    [Fact]
    public async Task An_error_inside_the_stream_is_classified_by_its_message()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.Overloaded) with { ErrorInStream = true }));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(ProviderErrorKind.Overloaded, failure.Kind);
    }

    [Fact]
    public async Task A_stalled_stream_times_out_after_the_first_token()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.StreamThenStall("one two three four", 4, 2)));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl, TimeSpan.FromMilliseconds(400)), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(ProviderErrorKind.Timeout, failure.Kind);
        Assert.True(failure.AfterFirstToken);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_cancellation_and_hangs_up()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.HangUntilCancelled()));
        using var http = new HttpClient();
        var client = new OpenAiChatCompletionsClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        using var cancel = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancel.Token);
        var request = await fake.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await request.Ended.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<List<ChatResponseUpdate>> Collect(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
