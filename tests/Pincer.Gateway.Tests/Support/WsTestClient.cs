using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Gateway.Tests.Support;

/// <summary>A raw <see cref="ClientWebSocket"/> speaking frames, so close codes and reasons stay visible.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private int _nextId;

    private WsTestClient(ClientWebSocket socket) => _socket = socket;

    public string Nonce { get; private set; } = "";

    public JsonObject? Challenge { get; private set; }

    public JsonObject? Hello { get; set; }

    public List<JsonObject> Events { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public static async Task<WsTestClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, cts.Token);
        return new WsTestClient(socket);
    }

    public async Task<JsonObject> ReadChallengeAsync()
    {
        var frame = await ReceiveAsync() ?? throw new InvalidOperationException("closed before challenge");
        Challenge = frame;
        Nonce = (string)frame["payload"]!["nonce"]!;
        return frame;
    }

    public async Task SendTextAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    public Task SendAsync(JsonNode frame) => SendTextAsync(frame.ToJsonString());

    /// <summary>Next parsed frame, or null when the server closed the socket.</summary>
    public async Task<JsonObject?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cts.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray())!.AsObject();
            }
        }
    }

    /// <summary>Reads frames until the server closes, returning what arrived.</summary>
    public async Task<List<JsonObject>> ReadUntilClosedAsync()
    {
        var frames = new List<JsonObject>();
        while (await ReceiveAsync() is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Sends a request and returns its response frame; events that arrive meanwhile go to <see cref="Events"/>.</summary>
    public async Task<JsonObject> RequestAsync(string method, JsonNode? parameters = null, string? id = null)
    {
        id ??= "r" + Interlocked.Increment(ref _nextId);
        var frame = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            frame["params"] = parameters;
        }

        await SendAsync(frame);
        return await ResponseAsync(id);
    }

    public async Task<JsonObject> ResponseAsync(string id)
    {
        while (true)
        {
            var next = await ReceiveAsync() ?? throw new InvalidOperationException($"socket closed before response {id}: {CloseStatus} {CloseStatusDescription}");
            if ((string?)next["type"] == "res" && (string?)next["id"] == id)
            {
                return next;
            }

            Events.Add(next);
        }
    }

    /// <summary>Waits for a named event (already received or still to come).</summary>
    public Task<JsonObject> WaitForEventAsync(string name) => WaitForEventAsync(name, _ => true);

    /// <summary>Waits for a named event whose payload satisfies <paramref name="match"/>.</summary>
    public async Task<JsonObject> WaitForEventAsync(string name, Func<JsonNode?, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = Events.FirstOrDefault(e => (string?)e["event"] == name && match(e["payload"]));
        if (seen is not null)
        {
            return seen;
        }

        while (true)
        {
            var next = await ReceiveAsync() ?? throw new InvalidOperationException($"socket closed waiting for {name}");
            Events.Add(next);
            if ((string?)next["type"] == "event" && (string?)next["event"] == name && match(next["payload"]))
            {
                return next;
            }
        }
    }

    /// <summary>Calls and asserts ok, returning the payload.</summary>
    public async Task<JsonNode?> CallOkAsync(string method, JsonNode? parameters = null)
    {
        var res = await RequestAsync(method, parameters);
        Assert.True(res["ok"]?.GetValue<bool>() == true, $"{method} failed: {res.ToJsonString()}");
        return res["payload"];
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }

        _socket.Dispose();
    }
}
