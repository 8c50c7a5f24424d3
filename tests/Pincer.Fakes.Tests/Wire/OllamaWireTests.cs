using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

public sealed class OllamaWireTests
{
    [Fact]
    public async Task Chat_streams_ndjson_messages_and_ends_with_done_and_eval_counts()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Tide pools.", chunks: 3)));
        var (response, body) = await WireClient.SendAsync(server, FakeApi.Ollama, stream: true);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = WireClient.Ndjson(body);
        Assert.All(lines.SkipLast(1), l => Assert.False((bool)l["done"]!));
        Assert.Equal("Tide pools.", string.Concat(lines.Select(l => (string?)l["message"]!["content"])));
        var last = lines[^1];
        Assert.True((bool)last["done"]!);
        Assert.Equal("stop", (string?)last["done_reason"]);
        Assert.Equal(12, (int?)last["prompt_eval_count"]);
        Assert.Equal(5, (int?)last["eval_count"]);
    }

    [Fact]
    public async Task Tool_calls_arrive_whole_with_object_arguments()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.CallTools(new FakeToolCall("read", """{"path":"a"}"""))));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.Ollama, stream: true);

        var call = WireClient.Ndjson(body).Single(l => l["message"]!["tool_calls"] is not null)["message"]!["tool_calls"]![0]!;
        Assert.Equal("read", (string?)call["function"]!["name"]);
        Assert.Equal("a", (string?)call["function"]!["arguments"]!["path"]);
    }

    [Fact]
    public async Task Stream_false_answers_one_final_object()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Say("Hello.") with { Thinking = "Hm." }));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.Ollama, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.True((bool)json["done"]!);
        Assert.Equal("Hello.", (string?)json["message"]!["content"]);
        Assert.Equal("Hm.", (string?)json["message"]!["thinking"]);
    }
}
