using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pincer.Fakes.Scripting;
using Pincer.Fakes.Wire;

namespace Pincer.Fakes;

/// <summary>
/// A loopback HTTP server speaking the model provider APIs (OpenAI Chat Completions and Responses,
/// Anthropic Messages, Gemini, Ollama) from a <see cref="FakeScript"/>, recording every request.
/// It binds 127.0.0.1 on an ephemeral port only.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private static readonly IWireFormat[] Wires =
    [
        new OpenAiChatWire(), new OpenAiResponsesWire(), new AnthropicMessagesWire(), new GeminiWire(), new OllamaWire(),
    ];

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeModelServer(WebApplication app, FakeScript script, TimeProvider time)
    {
        _app = app;
        Script = script;
        _time = time;
    }

    public FakeScript Script { get; }

    /// <summary>`http://127.0.0.1:PORT` (no trailing slash, no /v1: provider configs add their own prefix).</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Generate requests (not listings/probes) so far, optionally of one API.</summary>
    public IReadOnlyList<RecordedRequest> Generations(FakeApi? api = null) =>
        [.. Requests.Where(r => r.Api is not null && (api is null || r.Api == api))];

    /// <summary>Called (on the request's thread) right after a request is recorded; the CLI appends it to a JSONL file.</summary>
    public Action<RecordedRequest>? OnRecorded { get; set; }

    public static async Task<FakeModelServer> StartAsync(FakeScript? script = null, TimeProvider? time = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeModelServer(app, script ?? new FakeScript(), time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server.BaseUrl = $"http://127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}";
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="match"/> arrived.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool>? match = null, int count = 1, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var hits = _requests.Where(r => match?.Invoke(r) ?? true).ToList();
                if (hits.Count >= count)
                {
                    return hits[count - 1];
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(cancellationToken);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var path = request.Path.Value ?? "/";
        var wire = request.Method == "POST" ? Wires.FirstOrDefault(w => w.Matches(path)) : null;
        var json = TryParse(body);
        RecordedRequest recorded;
        lock (_gate)
        {
            recorded = new RecordedRequest
            {
                Index = _requests.Count,
                Method = request.Method,
                Path = path,
                Query = request.QueryString.Value ?? "",
                Headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
                Body = body,
                Json = json,
                Api = wire?.Api,
            };
            _requests.Add(recorded);
            var arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.SetResult();
        }

        OnRecorded?.Invoke(recorded);
        try
        {
            await AnswerAsync(http, wire, recorded);
            recorded.MarkEnded(http.RequestAborted.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            recorded.MarkEnded(http.RequestAborted.IsCancellationRequested);
        }
        catch (IOException)
        {
            // The client hung up mid-answer.
            recorded.MarkEnded(true);
        }
    }

    private async Task AnswerAsync(HttpContext http, IWireFormat? wire, RecordedRequest recorded)
    {
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        if (wire is null)
        {
            var listing = ModelListings.Answer(recorded.Method, recorded.Path, recorded.Headers, Script.Models, created);
            await WriteJsonAsync(http, listing is null ? 404 : 200, listing ?? new JsonObject { ["error"] = $"the fake model server has no {recorded.Method} {recorded.Path}" });
            return;
        }

        var reply = Script.Next(wire.Api, wire.ModelOf(recorded.Path, recorded.Json));
        if (reply is null)
        {
            await WriteJsonAsync(http, 500, new JsonObject { ["error"] = new JsonObject { ["message"] = "fake model server: script exhausted", ["type"] = "server_error" } });
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var token = linked.Token;
        if (reply.Hang)
        {
            await Task.Delay(Timeout.Infinite, token);
        }

        var context = new WireContext(wire.ModelOf(recorded.Path, recorded.Json) ?? (Script.Models.Count > 0 ? Script.Models[0] : "fake-model"),
            $"fake{recorded.Index.ToString(CultureInfo.InvariantCulture)}", created, recorded.Json);
        var streaming = wire.IsStreaming(recorded.Path, recorded.Json);
        if (reply.Error is not null && !(streaming && reply.ErrorInStream))
        {
            var error = wire.Error(reply, context);
            foreach (var (name, value) in error.Headers)
            {
                http.Response.Headers[name] = value;
            }

            await WriteJsonAsync(http, error.Status, error.Body);
            return;
        }

        if (!streaming)
        {
            await WriteJsonAsync(http, 200, wire.Complete(reply, context));
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = wire.StreamContentType;
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.StartAsync(token);
        if (reply.Error is not null)
        {
            await WriteFrameAsync(http, wire.StreamError(reply, context), token);
            return;
        }

        var sent = 0;
        foreach (var frame in wire.Stream(reply, context))
        {
            if (frame.IsContent && reply.StallAfterChunks is { } stallAfter && sent >= stallAfter)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            if (frame.IsContent && sent > 0 && reply.ChunkDelayMs > 0)
            {
                await Task.Delay(reply.ChunkDelayMs, token);
            }

            await WriteFrameAsync(http, frame, token);
            sent += frame.IsContent ? 1 : 0;
        }
    }

    private static async Task WriteFrameAsync(HttpContext http, WireFrame frame, CancellationToken token)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame.Text), token);
        await http.Response.Body.FlushAsync(token);
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    private static JsonNode? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
