using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;

namespace Pincer.Providers.OpenAI.Tests;

public sealed class OpenAiResponsesClientTests
{
    private const string Api = "openai-responses";

    [Theory]
    [InlineData("openai-responses")]
    [InlineData("openai-responses.tool-result")]
    public async Task Sends_the_body_the_reference_sent(string example)
    {
        var recorded = RecordedExamples.Load(example);
        await using var fake = await FakeModelServer.StartAsync();
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        var (messages, options) = ResponsesExample.Conversation(recorded["body"]!.AsObject());

        await client.GetResponseAsync(messages, options);

        var request = Assert.Single(fake.Generations(FakeApi.OpenAiResponses));
        Assert.Equal(((string?)recorded["method"], (string?)recorded["path"]), (request.Method, request.Path));
        foreach (var name in (string[])["authorization", "content-type", "accept"])
        {
            Assert.Equal((string?)recorded["headers"]![name], request.Header(name));
        }

        Assert.Equal(RecordedExamples.Canonical(recorded["body"]), RecordedExamples.Canonical(request.Json));
    }

    [Fact]
    public async Task Text_and_reasoning_summary_stream_in_several_updates()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(new FakeReply { Thinking = "Shores.", Text = "Crabs live in the sea.", Chunks = 3 }));
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where?")]))
        {
            updates.Add(update);
        }

        var texts = updates.Where(u => u.Contents.OfType<TextContent>().Any()).Select(u => u.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Equal("Crabs live in the sea.", string.Concat(texts));
        var reasoning = updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().ToList();
        Assert.Equal("Shores.", string.Concat(reasoning.Select(r => r.Text)));
        Assert.Equal("reasoning", (string?)JsonNode.Parse(reasoning.Single(r => r.ProtectedData is not null).ProtectedData!)!["type"]);
        Assert.Equal((ChatFinishReason.Stop, "resp_fake0"), (updates[^1].FinishReason, updates[^1].ResponseId));
    }

    [Fact]
    public async Task Tool_calls_are_held_as_call_and_item_id_and_replayed_by_call_id()
    {
        var script = new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("ls", """{"path":"."}""", "call_ls_1")) with { Chunks = 3 });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "List.")]);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_ls_1|fc_fake0_0", "ls", "."), (call.CallId, call.Name, call.Arguments!["path"]?.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "List."), new ChatMessage(ChatRole.Assistant, [call]), new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "")])]);
        var input = fake.Generations(FakeApi.OpenAiResponses)[1].Json!["input"]!.AsArray();
        Assert.Equal("""{"type":"function_call","call_id":"call_ls_1","name":"ls","arguments":"{\u0022path\u0022:\u0022.\u0022}"}""", input[1]!.ToJsonString());
        Assert.Equal("""{"type":"function_call_output","call_id":"call_ls_1","output":"(no output)"}""", input[2]!.ToJsonString());
    }

    [Fact]
    public async Task Usage_counts_input_without_the_cached_part()
    {
        var script = new FakeScript().Then(FakeReply.Say("ok") with { Usage = new FakeUsage(12, 5, CacheRead: 30, Reasoning: 2) });
        await using var fake = await FakeModelServer.StartAsync(script);
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var usage = (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")])).Usage!;

        Assert.Equal((12L, 5L, 30L, 2L, 47L), (usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount, usage.TotalTokenCount));
    }

    [Theory]
    [InlineData(FakeErrorKind.InvalidKey, ProviderErrorKind.Auth, 401)]
    [InlineData(FakeErrorKind.RateLimit, ProviderErrorKind.RateLimit, 429)]
    [InlineData(FakeErrorKind.ServerError, ProviderErrorKind.ServerError, 500)]
    [InlineData(FakeErrorKind.Overloaded, ProviderErrorKind.Overloaded, 503)]
    [InlineData(FakeErrorKind.Billing, ProviderErrorKind.RateLimit, 429)]
    [InlineData(FakeErrorKind.ContextOverflow, ProviderErrorKind.ContextOverflow, 400)]
    public async Task Http_errors_are_classified(FakeErrorKind error, ProviderErrorKind kind, int status)
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(error) with { RetryAfterSeconds = 3 }));
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal((kind, status), (failure.Kind, failure.StatusCode));
        Assert.Equal(error == FakeErrorKind.RateLimit ? TimeSpan.FromSeconds(3) : null, failure.RetryAfter);
    }

    [Theory]
    [InlineData(FakeErrorKind.RateLimit, ProviderErrorKind.RateLimit)]
    [InlineData(FakeErrorKind.ContextOverflow, ProviderErrorKind.ContextOverflow)]
    [InlineData(FakeErrorKind.Overloaded, ProviderErrorKind.Overloaded)]
    public async Task A_failed_response_inside_the_stream_is_classified(FakeErrorKind error, ProviderErrorKind kind)
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(error) with { ErrorInStream = true }));
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(kind, failure.Kind);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_cancellation_and_hangs_up()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.HangUntilCancelled()));
        using var http = new HttpClient();
        var client = new OpenAiResponsesClient(RecordedExamples.Endpoint(Api, fake.BaseUrl), http, TimeProvider.System);
        using var cancel = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancel.Token);
        var request = await fake.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await request.Ended.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
