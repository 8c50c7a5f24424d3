using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests;

public sealed class FakeModelServerTests
{
    [Fact]
    public async Task Binds_loopback_and_records_every_request_with_headers_and_body()
    {
        await using var server = await FakeModelServer.StartAsync();
        Assert.StartsWith("http://127.0.0.1:", server.BaseUrl, StringComparison.Ordinal);
        await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);
        using var http = new HttpClient();
        await http.GetStringAsync(server.BaseUrl + "/v1/models");

        Assert.Equal(2, server.Requests.Count);
        var first = server.Requests[0];
        Assert.Equal(("POST", "/v1/chat/completions", FakeApi.OpenAiCompletions), (first.Method, first.Path, first.Api!.Value));
        Assert.Equal("Bearer test-key", first.Header("Authorization"));
        Assert.Equal("hi", (string?)first.Json!["messages"]![0]!["content"]);
        Assert.Contains("\"model\":\"fake-model\"", first.Body, StringComparison.Ordinal);
        Assert.Null(server.Requests[1].Api);
        Assert.Single(server.Generations());
        Assert.Equal("openai-completions", (string?)first.ToJson()["api"]);
    }

    [Fact]
    public async Task Replies_come_from_the_api_queue_then_the_shared_queue_then_the_fallback()
    {
        var script = new FakeScript { Fallback = FakeReply.Say("fallback") }
            .Then(FakeReply.Say("shared"))
            .Then(FakeApi.AnthropicMessages, FakeReply.Say("own"));
        await using var server = await FakeModelServer.StartAsync(script);

        async Task<string?> Next() => (string?)JsonNode.Parse((await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: false)).Body)!["content"]![0]!["text"];
        string?[] got = [await Next(), await Next(), await Next()];
        Assert.Equal(new string?[] { "own", "shared", "fallback" }, got);
    }

    [Fact]
    public async Task A_model_scoped_reply_is_taken_only_by_its_model_and_a_repeating_one_stays()
    {
        var script = new FakeScript { Fallback = FakeReply.Say("fallback") }
            .Then(new FakeReply { ForModel = "other-model", Text = "other" })
            .Then(new FakeReply { ForModel = "fake-model", Error = FakeErrorKind.ServerError, Repeat = true })
            .Then(FakeReply.Say("shared"));
        await using var server = await FakeModelServer.StartAsync(script);

        var first = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);
        var second = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);

        Assert.Equal(500, (int)first.Response.StatusCode);
        Assert.Equal(500, (int)second.Response.StatusCode);
        Assert.Equal(3, script.Pending);
    }

    [Fact]
    public void The_script_format_reads_model_and_repeat()
    {
        var reply = FakeScriptJson.Reply(JsonNode.Parse("""{"model":"m1","error":"server_error","repeat":true}""")!.AsObject());
        Assert.Equal(("m1", true, FakeErrorKind.ServerError), (reply.ForModel, reply.Repeat, reply.Error));
    }

    [Fact]
    public async Task A_hanging_reply_ends_only_when_the_client_gives_up()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.HangUntilCancelled()));
        using var cancel = new CancellationTokenSource();
        var send = WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: true, cancel.Token);
        var request = await server.WaitForRequestAsync();

        Assert.False(request.Ended.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.True(await request.Ended);
    }

    [Fact]
    public async Task Stream_then_stall_sends_the_first_chunks_and_then_nothing()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.StreamThenStall("one two thr four", chunks: 4, stallAfter: 2)));
        using var http = new HttpClient();
        var (path, body) = WireClient.Request(FakeApi.Ollama, stream: true);
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = new StringContent(body.ToJsonString()) }, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);

        Assert.Equal("one ", (string?)JsonNode.Parse((await reader.ReadLineAsync())!)!["message"]!["content"]);
        Assert.Equal("two ", (string?)JsonNode.Parse((await reader.ReadLineAsync())!)!["message"]!["content"]);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadLineAsync(giveUp.Token));
        response.Dispose();
        Assert.True(await server.Requests[0].Ended);
    }

    [Theory]
    [InlineData("GET", "/v1/models", "data")]
    [InlineData("GET", "/api/tags", "models")]
    [InlineData("GET", "/v1beta/models", "models")]
    [InlineData("POST", "/api/show", "model_info")]
    public async Task Model_listings_answer_the_probes_clients_make(string method, string path, string field)
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript { Models = ["m1", "m2"] });
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), server.BaseUrl + path) { Content = method == "POST" ? new StringContent("""{"model":"m1"}""") : null });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())![field]);
        Assert.Equal(0, server.Script.Pending);
    }

    [Fact]
    public async Task Json_scripts_drive_the_server()
    {
        var script = FakeScriptJson.Parse("""
            {
              "models": ["fake-model"],
              "fallback": null,
              "replies": {
                "ollama": [ { "toolCalls": [ { "name": "read", "arguments": { "path": "a" }, "id": "c1" } ] } ],
                "*": [ { "text": "hi", "chunks": 1, "usage": { "input": 3, "output": 1 } }, { "error": "rate_limit", "retryAfter": 2 } ]
              }
            }
            """);
        await using var server = await FakeModelServer.StartAsync(script);

        var tool = JsonNode.Parse((await WireClient.SendAsync(server, FakeApi.Ollama, stream: false)).Body)!;
        Assert.Equal("c1", (string?)tool["message"]!["tool_calls"]![0]!["id"]);
        var text = JsonNode.Parse((await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false)).Body)!;
        Assert.Equal(3, (int?)text["usage"]!["prompt_tokens"]);
        var (limited, _) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);
        Assert.Equal("2", limited.Headers.GetValues("retry-after").Single());
        var (exhausted, _) = await WireClient.SendAsync(server, FakeApi.OpenAiCompletions, stream: false);
        Assert.Equal(500, (int)exhausted.StatusCode);
    }
}
