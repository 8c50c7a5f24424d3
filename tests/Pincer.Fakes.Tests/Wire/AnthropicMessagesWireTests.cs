using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

public sealed class AnthropicMessagesWireTests
{
    [Fact]
    public async Task Streams_thinking_text_and_tool_use_blocks_between_message_start_and_stop()
    {
        var reply = new FakeReply
        {
            Thinking = "Consider.",
            Text = "Reading.",
            ToolCalls = [new FakeToolCall("read", """{"path":"a.md"}""", "toolu_1")],
            Usage = new FakeUsage(20, 7, CacheRead: 3, CacheWrite: 2),
        };
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(reply));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: true);

        var events = WireClient.Sse(body);
        var data = events.Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(events.Zip(data), p => Assert.Equal(p.First.Event, (string?)p.Second["type"]));
        Assert.Equal("message_start", events[0].Event);
        Assert.Equal(["message_delta", "message_stop"], events.TakeLast(2).Select(e => e.Event));
        var starts = data.Where(d => (string?)d["type"] == "content_block_start").Select(d => (string?)d["content_block"]!["type"]).ToList();
        Assert.Equal(["thinking", "text", "tool_use"], starts);
        string Deltas(string type, string field) => string.Concat(data.Where(d => (string?)d["delta"]?["type"] == type).Select(d => (string?)d["delta"]![field]));
        Assert.Equal("Consider.", Deltas("thinking_delta", "thinking"));
        Assert.False(string.IsNullOrEmpty(Deltas("signature_delta", "signature")));
        Assert.Equal("Reading.", Deltas("text_delta", "text"));
        Assert.Equal("a.md", (string?)JsonNode.Parse(Deltas("input_json_delta", "partial_json"))!["path"]);
        Assert.Equal(3, data.Count(d => (string?)d["type"] == "content_block_stop"));
        var delta = data[^2];
        Assert.Equal("tool_use", (string?)delta["delta"]!["stop_reason"]);
        Assert.Equal(7, (int?)delta["usage"]!["output_tokens"]);
        Assert.Equal(3, (int?)data[0]["message"]!["usage"]!["cache_read_input_tokens"]);
    }

    [Fact]
    public async Task Answers_a_message_when_not_streaming()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Hello.")));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.Equal("message", (string?)json["type"]);
        Assert.Equal("end_turn", (string?)json["stop_reason"]);
        Assert.Equal("Hello.", (string?)json["content"]![0]!["text"]);
        Assert.Equal(12, (int?)json["usage"]!["input_tokens"]);
    }

    [Fact]
    public async Task Non_streamed_tool_use_has_parsed_input()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("ls", """{"path":"."}"""))));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.Equal("tool_use", (string?)json["stop_reason"]);
        var block = json["content"]![0]!;
        Assert.Equal("tool_use", (string?)block["type"]);
        Assert.StartsWith("toolu_", (string?)block["id"], StringComparison.Ordinal);
        Assert.Equal(".", (string?)block["input"]!["path"]);
    }

    [Fact]
    public async Task An_overload_after_the_stream_started_is_an_error_event()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.Overloaded) with { ErrorInStream = true }));
        var (response, body) = await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: true);

        Assert.Equal(200, (int)response.StatusCode);
        var single = Assert.Single(WireClient.Sse(body));
        Assert.Equal("error", single.Event);
        Assert.Equal("overloaded_error", (string?)JsonNode.Parse(single.Data)!["error"]!["type"]);
    }
}
