using System.Text.Json;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;
using static Pincer.Providers.Gemini.Tests.Examples;

namespace Pincer.Providers.Gemini.Tests;

public sealed class GeminiStreamingTests
{
    [Fact]
    public async Task Text_arrives_as_several_updates_then_usage_and_the_finish_reason()
    {
        var reply = FakeReply.Say("Crabs live in oceans, on beaches and in rivers.", chunks: 4) with { Usage = new FakeUsage(12, 9, CacheRead: 30, Reasoning: 4) };
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(reply));

        var updates = await StreamAsync(fake);

        var texts = updates.SelectMany(u => u.Contents.OfType<TextContent>()).Select(t => t.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Equal("Crabs live in oceans, on beaches and in rivers.", string.Concat(texts));
        Assert.All(updates, u => Assert.Equal(("fake0", "fake-model"), (u.ResponseId, u.ModelId)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents.OfType<UsageContent>())).Details;
        Assert.Equal((12L, 13L, 30L, 4L, 55L), (usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount, usage.TotalTokenCount));
    }

    [Fact]
    public async Task Function_calls_are_parsed_and_keep_their_thought_signature()
    {
        var reply = FakeReply.CallTools(new FakeToolCall("read", """{"path":"a.md","limit":5}""", "c1"), new FakeToolCall("ls", "{}")) with { Thinking = "Reading.", ThinkingSignature = "c2ln" };
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(reply));

        var updates = await StreamAsync(fake);

        Assert.Equal("Reading.", string.Concat(updates.SelectMany(u => u.Contents.OfType<TextReasoningContent>()).Select(r => r.Text)));
        var calls = updates.SelectMany(u => u.Contents.OfType<FunctionCallContent>()).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("c1", "read"), (calls[0].CallId, calls[0].Name));
        Assert.Equal("a.md", ((JsonElement)calls[0].Arguments!["path"]!).GetString());
        Assert.Equal(5, ((JsonElement)calls[0].Arguments!["limit"]!).GetInt32());
        Assert.StartsWith("ls_", calls[1].CallId, StringComparison.Ordinal);
        Assert.Equal("c2ln", calls[1].AdditionalProperties![ProviderConventions.ThoughtSignature]);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task A_max_tokens_finish_is_a_length_finish()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("cut") with { StopReason = "MAX_TOKENS" }));

        var updates = await StreamAsync(fake);

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    private static async Task<List<ChatResponseUpdate>> StreamAsync(FakeModelServer fake)
    {
        using var http = new HttpClient();
        using var client = new GeminiClient(Endpoint(fake), http, TimeProvider.System);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where do crabs live?")]))
        {
            updates.Add(update);
        }

        return updates;
    }
}
