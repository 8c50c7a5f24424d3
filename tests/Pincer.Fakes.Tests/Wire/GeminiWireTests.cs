using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

public sealed class GeminiWireTests
{
    [Fact]
    public async Task Stream_generate_content_sends_whole_responses_with_finish_reason_last()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Tide pools.", chunks: 2) with { Thinking = "Hm." }));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.GoogleGenerativeAi, stream: true);

        var chunks = WireClient.Sse(body).Select(e => JsonNode.Parse(e.Data)!).ToList();
        var parts = chunks.SelectMany(c => c["candidates"]![0]!["content"]!["parts"]!.AsArray()).ToList();
        Assert.Equal("Hm.", string.Concat(parts.Where(p => (bool?)p!["thought"] == true).Select(p => (string?)p!["text"])));
        Assert.Equal("Tide pools.", string.Concat(parts.Where(p => p!["thought"] is null).Select(p => (string?)p!["text"])));
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c["candidates"]![0]!["finishReason"]));
        Assert.Equal("STOP", (string?)chunks[^1]["candidates"]![0]!["finishReason"]);
        Assert.NotNull(parts[^1]!["thoughtSignature"]);
        Assert.Equal("model", (string?)chunks[0]["candidates"]![0]!["content"]!["role"]);
        Assert.Equal(12, (int?)chunks[^1]["usageMetadata"]!["promptTokenCount"]);
        Assert.Equal("fake-model", (string?)chunks[0]["modelVersion"]);
        Assert.Equal("?alt=sse", server.Requests[0].Query);
    }

    [Fact]
    public async Task Generate_content_answers_one_response_with_function_calls()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("read", """{"path":"a"}"""))));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.GoogleGenerativeAi, stream: false);

        var candidate = JsonNode.Parse(body)!["candidates"]![0]!;
        Assert.Equal("STOP", (string?)candidate["finishReason"]);
        var call = candidate["content"]!["parts"]![0]!["functionCall"]!;
        Assert.Equal("read", (string?)call["name"]);
        Assert.Equal("a", (string?)call["args"]!["path"]);
    }

    [Fact]
    public async Task Text_reply_without_streaming()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Hello.")));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.GoogleGenerativeAi, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.Equal("Hello.", (string?)json["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal(17, (int?)json["usageMetadata"]!["totalTokenCount"]);
    }
}
