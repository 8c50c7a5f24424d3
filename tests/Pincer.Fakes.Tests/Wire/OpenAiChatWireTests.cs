using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

public sealed class OpenAiChatWireTests
{
    [Fact]
    public async Task Streams_text_as_content_deltas_then_finish_usage_and_done()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Crabs live in tide pools.", chunks: 3)));
        var (response, body) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: true);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = WireClient.Sse(body);
        Assert.All(events, e => Assert.Null(e.Event));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        var deltas = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["delta"]!["content"]).ToList();
        Assert.Equal("Crabs live in tide pools.", string.Concat(deltas));
        Assert.Equal(3, deltas.Count(d => !string.IsNullOrEmpty(d)));
        Assert.Equal("stop", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        // include_usage: one last chunk with no choices and the usage.
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(12, (int?)chunks[^1]["usage"]!["prompt_tokens"]);
        Assert.Equal(5, (int?)chunks[^1]["usage"]!["completion_tokens"]);
    }

    [Fact]
    public async Task Answers_one_completion_object_when_not_streaming()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Hello.") with { Usage = new FakeUsage(30, 4, CacheRead: 10) }));
        var (response, body) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("chat.completion", (string?)json["object"]);
        Assert.Equal("fake-model", (string?)json["model"]);
        Assert.Equal("Hello.", (string?)json["choices"]![0]!["message"]!["content"]);
        Assert.Equal("stop", (string?)json["choices"]![0]!["finish_reason"]);
        Assert.Equal(40, (int?)json["usage"]!["prompt_tokens"]);
        Assert.Equal(10, (int?)json["usage"]!["prompt_tokens_details"]!["cached_tokens"]);
    }

    [Fact]
    public async Task Streams_tool_calls_with_id_and_name_first_then_argument_pieces()
    {
        var script = new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("read", """{"path":"notes.md"}""", "call_1"), new FakeToolCall("ls", """{"path":"."}""")) with { Chunks = 3 });
        await using var server = await FakeModelServer.StartAsync(script);
        var (_, body) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: true);

        var deltas = WireClient.Sse(body).SkipLast(1).Select(e => JsonNode.Parse(e.Data)!)
            .Where(c => c["choices"]!.AsArray().Count > 0).ToList();
        var calls = deltas.SelectMany(c => c["choices"]![0]!["delta"]!["tool_calls"]?.AsArray() ?? []).ToList();
        var first = calls.Where(c => (int?)c!["index"] == 0).ToList();
        Assert.Equal("call_1", (string?)first[0]!["id"]);
        Assert.Equal("read", (string?)first[0]!["function"]!["name"]);
        Assert.All(first.Skip(1), c => Assert.Null(c!["id"]));
        Assert.Equal("""{"path":"notes.md"}""", string.Concat(first.Select(c => (string?)c!["function"]!["arguments"])));
        Assert.Equal("ls", (string?)calls.First(c => (int?)c!["index"] == 1)!["function"]!["name"]);
        Assert.Equal("tool_calls", (string?)deltas[^1]["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task Non_streamed_tool_calls_and_reasoning_content()
    {
        var reply = FakeReply.CallTools(new FakeToolCall("read", """{"path":"a"}""", "call_9")) with { Thinking = "Let me look." };
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(reply));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);

        var choice = JsonNode.Parse(body)!["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)choice["finish_reason"]);
        Assert.Null(choice["message"]!["content"]);
        Assert.Equal("Let me look.", (string?)choice["message"]!["reasoning_content"]);
        var call = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("call_9", (string?)call["id"]);
        Assert.Equal("function", (string?)call["type"]);
        Assert.Equal("""{"path":"a"}""", (string?)call["function"]!["arguments"]);
    }
}
