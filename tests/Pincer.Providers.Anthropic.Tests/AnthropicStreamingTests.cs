using System.Text.Json;
using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;
using static Pincer.Providers.Anthropic.Tests.Examples;

namespace Pincer.Providers.Anthropic.Tests;

public sealed class AnthropicStreamingTests
{
    [Fact]
    public async Task Text_arrives_as_several_updates_then_usage_and_the_stop_reason()
    {
        var reply = FakeReply.Say("Crabs live in oceans, on beaches and in rivers.", chunks: 4) with { Usage = new FakeUsage(12, 9, CacheRead: 30, CacheWrite: 7) };
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(reply));

        var updates = await StreamAsync(fake);

        var texts = updates.SelectMany(u => u.Contents.OfType<TextContent>()).Select(t => t.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Equal("Crabs live in oceans, on beaches and in rivers.", string.Concat(texts));
        Assert.All(updates, u => Assert.Equal(("msg_fake0", "fake-model"), (u.ResponseId, u.ModelId)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents.OfType<UsageContent>())).Details;
        Assert.Equal((12L, 9L, 30L, 58L), (usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount, usage.TotalTokenCount));
        Assert.Equal(7L, usage.AdditionalCounts!["cacheWrite"]);
    }

    [Fact]
    public async Task Each_finished_tool_use_becomes_a_function_call_with_parsed_arguments()
    {
        var reply = FakeReply.CallTools(new FakeToolCall("read", """{"path":"a.md","limit":5,"deep":{"x":[1,2]}}""", "toolu_1"), new FakeToolCall("ls", "{}")) with { Chunks = 3 };
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(reply));

        var updates = await StreamAsync(fake);

        var calls = updates.SelectMany(u => u.Contents.OfType<FunctionCallContent>()).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("toolu_1", "read"), (calls[0].CallId, calls[0].Name));
        Assert.Equal("a.md", ((JsonElement)calls[0].Arguments!["path"]!).GetString());
        Assert.Equal(5, ((JsonElement)calls[0].Arguments!["limit"]!).GetInt32());
        Assert.Equal("""{"x":[1,2]}""", ((JsonElement)calls[0].Arguments!["deep"]!).GetRawText());
        Assert.Equal(("toolu_fake0_1", "ls"), (calls[1].CallId, calls[1].Name));
        Assert.Empty(calls[1].Arguments!);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Empty(updates.SelectMany(u => u.Contents.OfType<TextContent>()));
    }

    [Fact]
    public async Task Thinking_streams_as_reasoning_and_keeps_its_signature()
    {
        var reply = new FakeReply { Thinking = "Let me think about crabs.", Text = "Beaches.", ThinkingSignature = "c2lnbmVk", Chunks = 3 };
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(reply));

        var updates = await StreamAsync(fake);

        var reasoning = updates.SelectMany(u => u.Contents.OfType<TextReasoningContent>()).ToList();
        Assert.Equal("Let me think about crabs.", string.Concat(reasoning.Select(r => r.Text)));
        Assert.True(reasoning.Count(r => r.Text.Length > 0) >= 2);
        Assert.Equal("c2lnbmVk", Assert.Single(reasoning, r => r.ProtectedData is not null).ProtectedData);
        var response = updates.ToChatResponse();
        Assert.Equal("Beaches.", response.Text);
        var merged = Assert.Single(response.Messages).Contents.OfType<TextReasoningContent>().ToList();
        Assert.Equal("c2lnbmVk", Assert.Single(merged).ProtectedData);
    }

    [Fact]
    public async Task A_stop_reason_of_max_tokens_is_a_length_finish()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("cut") with { StopReason = "max_tokens" }));

        var updates = await StreamAsync(fake);

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    private static async Task<List<ChatResponseUpdate>> StreamAsync(FakeModelServer fake)
    {
        using var http = new HttpClient();
        using var client = new AnthropicMessagesClient(Endpoint(fake), http, TimeProvider.System);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where do crabs live?")]))
        {
            updates.Add(update);
        }

        return updates;
    }
}
