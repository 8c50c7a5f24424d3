using System.Globalization;
using System.Net;
using System.Text;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>
/// A loopback OpenAI-compatible endpoint that answers every chat completion with the same short
/// streamed reply, so the reference can run real agent turns (and write real transcripts) offline.
/// </summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    public const string Reply = "Crabs live in tide pools.";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeChatCompletionsServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Completions { get; private set; }

    /// <summary>An openclaw.json pointing the default model at this server.</summary>
    public string ReferenceConfig() => $$"""
        { "update": { "checkOnStart": false },
          "models": { "catalogRefresh": { "enabled": false },
            "providers": { "fake": { "baseUrl": "http://127.0.0.1:{{Port}}/v1", "apiKey": "fake-key", "api": "openai-completions",
              "models": [ { "id": "fake-1", "name": "Fake 1", "api": "openai-completions", "reasoning": false, "input": ["text"],
                "cost": { "input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0 }, "contextWindow": 128000, "maxTokens": 4096 } ] } } },
          "agents": { "defaults": { "model": { "primary": "fake/fake-1" } } } }
        """;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
            }
            catch (HttpListenerException)
            {
                // The client went away; the next request is independent.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.HttpMethod != "POST" || !context.Request.Url!.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync("""{"object":"list","data":[{"id":"fake-1","object":"model"}]}"""u8.ToArray());
            return;
        }

        Completions++;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var head = $$"""{"id":"chatcmpl-fake","object":"chat.completion.chunk","created":{{created}},"model":"fake-1","choices":""";
        string[] events =
        [
            head + """[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            head + """[{"index":0,"delta":{"content":"Crabs live "},"finish_reason":null}]}""",
            head + """[{"index":0,"delta":{"content":"in tide pools."},"finish_reason":null}]}""",
            head + """[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            head + """[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""",
            "[DONE]",
        ];
        foreach (var data in events)
        {
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"));
            await response.OutputStream.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // Stopping the listener ends a pending accept this way.
        }

        _listener.Close();
        _stop.Dispose();
    }
}
