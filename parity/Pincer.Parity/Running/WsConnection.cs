using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Parity.Running;

/// <summary>
/// A raw WebSocket to a gateway. Every frame in either direction is logged; received frames wait
/// in an inbox until a step consumes them, so predicates can pick frames out of order.
/// </summary>
internal sealed class WsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();
    private readonly List<JsonObject> _inbox = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _cts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _receiveLoop;

    public WsConnection(string name) => Name = name;

    public string Name { get; }

    /// <summary>Every frame and transport event in order, for the artifact log.</summary>
    public JsonArray Log { get; } = [];

    public JsonObject? Close { get; private set; }

    public bool IsOpen => _ws.State == WebSocketState.Open;

    public async Task<string?> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        _ws.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        _ws.Options.CollectHttpResponseDetails = true;
        foreach (var (k, v) in headers)
        {
            _ws.Options.SetRequestHeader(k, v);
        }

        try
        {
            await _ws.ConnectAsync(uri, ct);
        }
        catch (WebSocketException e)
        {
            var status = _ws.HttpStatusCode;
            Close = new JsonObject { ["code"] = null, ["reason"] = "never connected" };
            Record("ws", null, new JsonObject { ["note"] = "connect-failed", ["status"] = (int)status });
            return status != 0 ? $"upgrade rejected: HTTP {(int)status}" : "connect failed: " + e.WebSocketErrorCode;
        }

        Record("ws", null, new JsonObject { ["note"] = "open" });
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        return null;
    }

    public async Task SendTextAsync(string text, CancellationToken ct)
    {
        Record("out", text, null);
        try
        {
            await _ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            Record("ws", null, new JsonObject { ["note"] = "send-failed" });
        }
    }

    public async Task SendBinaryAsync(byte[] bytes, CancellationToken ct)
    {
        Record("out", null, new JsonObject { ["binaryBytes"] = bytes.Length });
        try
        {
            await _ws.SendAsync(bytes, WebSocketMessageType.Binary, true, ct);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            Record("ws", null, new JsonObject { ["note"] = "send-failed" });
        }
    }

    /// <summary>Takes the first unread frame matching <paramref name="match"/>, waiting up to the timeout.</summary>
    public async Task<JsonObject?> TakeAsync(Func<JsonObject, bool> match, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        while (true)
        {
            lock (_lock)
            {
                var i = _inbox.FindIndex(f => match(f));
                if (i >= 0)
                {
                    var f = _inbox[i];
                    _inbox.RemoveAt(i);
                    return f;
                }

                if (Close is not null)
                {
                    return null;
                }
            }

            try
            {
                await _signal.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Waits for an unread frame matching <paramref name="until"/>, then takes it and every unread frame before it
    /// that <paramref name="keep"/> accepts (the rest stay unread). Empty when the wait times out.
    /// </summary>
    public async Task<List<JsonObject>> TakeThroughAsync(Func<JsonObject, bool> until, Func<JsonObject, bool> keep, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        while (true)
        {
            lock (_lock)
            {
                var end = _inbox.FindIndex(f => until(f));
                if (end >= 0)
                {
                    var head = _inbox.GetRange(0, end + 1);
                    var taken = head.Where((f, i) => i == end || keep(f)).ToList();
                    _inbox.RemoveRange(0, end + 1);
                    _inbox.InsertRange(0, head.Where((f, i) => i != end && !keep(f)));
                    return taken;
                }

                if (Close is not null)
                {
                    return [];
                }
            }

            try
            {
                await _signal.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    /// <summary>Waits for the server to close; returns the close code/reason or null on timeout.</summary>
    public async Task<JsonObject?> WaitCloseAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_receiveLoop is null)
        {
            return Close;
        }

        await Task.WhenAny(_receiveLoop, Task.Delay(timeout, ct));
        return Close;
    }

    /// <summary>Frames that arrived and no step consumed, minus liveness noise (ticks, health pushes).</summary>
    public JsonArray DrainUnread()
    {
        lock (_lock)
        {
            var arr = new JsonArray();
            foreach (var f in _inbox.Where(f => !IsLivenessNoise(f)))
            {
                arr.Add(f.DeepClone());
            }

            _inbox.Clear();
            return arr;
        }
    }

    private static bool IsLivenessNoise(JsonObject f) =>
        (string?)f["type"] == "event" && (string?)f["event"] is "tick" or "health" or "presence" or "heartbeat";

    public async Task CloseAsync(CancellationToken ct)
    {
        if (_ws.State == WebSocketState.Open)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromSeconds(3));
                await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", limit.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var r = await _ws.ReceiveAsync(buffer, _cts.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    SetClose((int?)r.CloseStatus, r.CloseStatusDescription);
                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                Record("in", text, r.MessageType == WebSocketMessageType.Binary ? new JsonObject { ["binary"] = true } : null);
                JsonObject? frame = null;
                try
                {
                    frame = JsonNode.Parse(text) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                }

                lock (_lock)
                {
                    _inbox.Add(frame ?? new JsonObject { ["unparsed"] = text });
                }

                _signal.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // An abrupt end (TCP reset, terminate()) is itself an observation: code 1006.
            SetClose(_ws.CloseStatus is { } s ? (int)s : 1006, _ws.CloseStatusDescription ?? "");
        }
    }

    private void SetClose(int? code, string? reason)
    {
        lock (_lock)
        {
            Close ??= new JsonObject { ["code"] = code ?? 1005, ["reason"] = reason ?? "" };
        }

        Record("ws", null, new JsonObject { ["note"] = "close", ["code"] = code ?? 1005, ["reason"] = reason ?? "" });
        _signal.Release();
    }

    private void Record(string dir, string? raw, JsonObject? extra)
    {
        var line = new JsonObject { ["t"] = _clock.ElapsedMilliseconds, ["dir"] = dir };
        if (raw is not null)
        {
            line["raw"] = raw.Length > 4096 ? raw[..4096] + $"…({raw.Length} chars)" : raw;
        }

        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                line[k] = v?.DeepClone();
            }
        }

        lock (_lock)
        {
            Log.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(CancellationToken.None);
        await _cts.CancelAsync();
        if (_receiveLoop is not null)
        {
            await Task.WhenAny(_receiveLoop, Task.Delay(2000));
        }

        _ws.Dispose();
        _cts.Dispose();
        _signal.Dispose();
    }
}
