using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

public sealed class OpenAiResponsesWireTests
{
    [Fact]
    public async Task Streams_typed_events_in_order_with_text_deltas_and_completed_usage()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Tide pools.", chunks: 2) with { Thinking = "Think." }));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.OpenAiResponses, stream: true);

        var events = WireClient.Sse(body);
        var data = events.Select(e => JsonNode.Parse(e.Data)!).ToList();
        // Every event names itself twice (event: line and data.type) and numbers itself.
        Assert.All(events.Zip(data), p => Assert.Equal(p.First.Event, (string?)p.Second["type"]));
        Assert.Equal(Enumerable.Range(0, data.Count), data.Select(d => (int)d["sequence_number"]!));
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added"], events.Take(3).Select(e => e.Event));
        Assert.Equal("response.completed", events[^1].Event);
        Assert.Equal("Think.", string.Concat(data.Where(d => (string?)d["type"] == "response.reasoning_summary_text.delta").Select(d => (string?)d["delta"])));
        var textDeltas = data.Where(d => (string?)d["type"] == "response.output_text.delta").ToList();
        Assert.Equal(2, textDeltas.Count);
        Assert.Equal("Tide pools.", string.Concat(textDeltas.Select(d => (string?)d["delta"])));
        var completed = data[^1]["response"]!;
        Assert.Equal("completed", (string?)completed["status"]);
        Assert.Equal(["reasoning", "message"], completed["output"]!.AsArray().Select(i => (string?)i!["type"]));
        Assert.Equal(12, (int?)completed["usage"]!["input_tokens"]);
        Assert.Equal(5, (int?)completed["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task Answers_a_response_object_when_not_streaming()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Hello.")));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.OpenAiResponses, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.Equal("response", (string?)json["object"]);
        Assert.Equal("completed", (string?)json["status"]);
        var content = json["output"]![0]!["content"]![0]!;
        Assert.Equal("output_text", (string?)content["type"]);
        Assert.Equal("Hello.", (string?)content["text"]);
    }

    [Fact]
    public async Task Streams_function_calls_as_items_with_argument_deltas()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("exec", """{"command":"ls"}""", "call_7")) with { Chunks = 3 }));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.OpenAiResponses, stream: true);

        var data = WireClient.Sse(body).Select(e => JsonNode.Parse(e.Data)!).ToList();
        var added = data.Single(d => (string?)d["type"] == "response.output_item.added")["item"]!;
        Assert.Equal("function_call", (string?)added["type"]);
        Assert.Equal("call_7", (string?)added["call_id"]);
        Assert.Equal("exec", (string?)added["name"]);
        Assert.Equal("", (string?)added["arguments"]);
        var pieces = data.Where(d => (string?)d["type"] == "response.function_call_arguments.delta").Select(d => (string?)d["delta"]).ToList();
        Assert.Equal(3, pieces.Count);
        Assert.Equal("""{"command":"ls"}""", string.Concat(pieces));
        Assert.Equal("""{"command":"ls"}""", (string?)data.Single(d => (string?)d["type"] == "response.function_call_arguments.done")["arguments"]);
        Assert.Equal("function_call", (string?)data[^1]["response"]!["output"]![0]!["type"]);
    }
}
