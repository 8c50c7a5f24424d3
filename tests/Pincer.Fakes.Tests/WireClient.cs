using System.Text;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests;

/// <summary>Sends the smallest real request of each API to the fake and splits the answer into frames.</summary>
internal static class WireClient
{
    public static async Task<(HttpResponseMessage Response, string Body)> SendAsync(FakeModelServer server, FakeApi api, bool stream, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var (path, body) = Request(api, stream);
        using var message = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("authorization", "Bearer test-key");
        var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (response, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static (string Path, JsonObject Body) Request(FakeApi api, bool stream) => api switch
    {
        FakeApi.OpenAiCompletions => ("/v1/chat/completions", new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["stream"] = stream,
            ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
        }),
        FakeApi.OpenAiResponses => ("/v1/responses", new JsonObject { ["model"] = "fake-model", ["input"] = "hi", ["stream"] = stream }),
        FakeApi.AnthropicMessages => ("/v1/messages", new JsonObject
        {
            ["model"] = "fake-model",
            ["max_tokens"] = 100,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["stream"] = stream,
        }),
        FakeApi.GoogleGenerativeAi => (stream ? "/v1beta/models/fake-model:streamGenerateContent?alt=sse" : "/v1beta/models/fake-model:generateContent", new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = "hi" }) }),
        }),
        FakeApi.Ollama => ("/api/chat", new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["stream"] = stream,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(api)),
    };

    /// <summary>SSE events as (event name or null, data text), parsed by the spec's line rules.</summary>
    public static List<(string? Event, string Data)> Sse(string body)
    {
        var events = new List<(string?, string)>();
        string? name = null;
        var data = new StringBuilder();
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add((name, data.ToString()));
                }

                name = null;
                data.Clear();
            }
            else if (raw.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = raw["event: ".Length..];
            }
            else if (raw.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(raw["data: ".Length..]);
            }
        }

        return events;
    }

    public static List<JsonNode> Ndjson(string body) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
}
