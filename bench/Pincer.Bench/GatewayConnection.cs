using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>A minimal gateway protocol client: WS text frames, the connect handshake, and
/// sequential request → matching response calls. Event frames are skipped.</summary>
internal sealed class GatewayConnection : IDisposable
{
    private const int MaxSkippedFrames = 10_000;
    private readonly ClientWebSocket _ws;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private byte[] _buffer = new byte[1 << 16];

    private GatewayConnection(ClientWebSocket ws) => _ws = ws;

    /// <summary>One WS upgrade attempt; null when the port refuses or the upgrade fails.</summary>
    public static async Task<GatewayConnection?> TryOpenAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), cts.Token);
            return new GatewayConnection(ws);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            ws.Dispose();
            return null;
        }
    }

    /// <summary>Waits for connect.challenge, sends connect (backend gateway-client, operator.admin,
    /// shared token, protocol 4) and reads the response.</summary>
    public async Task<HandshakeOutcome> HandshakeAsync(string token, CancellationToken ct)
    {
        var sawChallenge = false;
        for (var i = 0; i < 100 && !sawChallenge; i++)
        {
            var n = await ReceiveAsync(ct);
            if (n < 0)
            {
                return new HandshakeOutcome(false, true, $"closed before challenge ({_ws.CloseStatus} {_ws.CloseStatusDescription})", 0);
            }
            using var doc = JsonDocument.Parse(_buffer.AsMemory(0, n));
            sawChallenge = Str(doc.RootElement, "type") == "event" && Str(doc.RootElement, "event") == "connect.challenge";
        }
        if (!sawChallenge)
        {
            return new HandshakeOutcome(false, false, "no connect.challenge", 0);
        }
        var connect = "{\"type\":\"req\",\"id\":\"1\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,\"maxProtocol\":4,"
            + "\"client\":{\"id\":\"gateway-client\",\"mode\":\"backend\",\"version\":\"bench\",\"platform\":\"linux\"},"
            + "\"role\":\"operator\",\"scopes\":[\"operator.admin\"],\"auth\":{\"token\":" + JsonValue.Create(token).ToJsonString() + "}}}";
        await SendAsync(connect, ct);
        for (var i = 0; i < 100; i++)
        {
            var n = await ReceiveAsync(ct);
            if (n < 0)
            {
                return new HandshakeOutcome(false, true, $"closed during connect ({_ws.CloseStatus} {_ws.CloseStatusDescription})", 0);
            }
            using var doc = JsonDocument.Parse(_buffer.AsMemory(0, n));
            var root = doc.RootElement;
            if (Str(root, "type") != "res" || Str(root, "id") != "1")
            {
                continue;
            }
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            {
                var payloadType = root.TryGetProperty("payload", out var p) ? Str(p, "type") : null;
                return payloadType == "hello-ok"
                    ? new HandshakeOutcome(true, false, "hello-ok", n)
                    : new HandshakeOutcome(false, false, $"ok response without hello-ok: {payloadType}", n);
            }
            var error = root.TryGetProperty("error", out var e) ? e.GetRawText() : "(no error)";
            var retryable = root.TryGetProperty("error", out var e2) && e2.TryGetProperty("retryable", out var r) && r.ValueKind == JsonValueKind.True;
            return new HandshakeOutcome(false, retryable, error, n);
        }
        return new HandshakeOutcome(false, false, "no connect response within 100 frames", 0);
    }

    /// <summary>Sends one request and reads frames until the response with the same id; returns whether ok:true.</summary>
    public Task<bool> CallAsync(string method, string id, CancellationToken ct) => CallAsync(method, id, "{}", ct);

    /// <summary>Same, with a raw JSON params object.</summary>
    public async Task<bool> CallAsync(string method, string id, string paramsJson, CancellationToken ct)
    {
        await SendAsync("{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", ct);
        var idBytes = Encoding.UTF8.GetBytes(id);
        for (var i = 0; i < MaxSkippedFrames; i++)
        {
            var n = await ReceiveAsync(ct);
            if (n < 0)
            {
                throw new InvalidOperationException($"socket closed while waiting for {method} ({_ws.CloseStatus} {_ws.CloseStatusDescription})");
            }
            if (TryReadResponse(_buffer.AsSpan(0, n), idBytes, out var ok))
            {
                if (!ok)
                {
                    throw new InvalidOperationException($"{method} failed: {Encoding.UTF8.GetString(_buffer, 0, Math.Min(n, 600))}");
                }
                return true;
            }
        }
        throw new InvalidOperationException($"no response to {method} within {MaxSkippedFrames} frames");
    }

    /// <summary>Sends one text frame; safe to call from several tasks at once (sends are serialised).</summary>
    public async Task SendTextAsync(string text, CancellationToken ct)
    {
        await _sendGate.WaitAsync(ct);
        try
        {
            await SendAsync(text, ct);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Reads the next whole frame; empty on close. The memory is valid until the next call.</summary>
    public async Task<ReadOnlyMemory<byte>> ReceiveFrameAsync(CancellationToken ct)
    {
        var n = await ReceiveAsync(ct);
        return n < 0 ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, n);
    }

    public void Dispose()
    {
        try
        {
            if (_ws.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(1000);
                _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // best effort
        }
        _ws.Dispose();
        _sendGate.Dispose();
    }

    /// <summary>Reads the top-level type/id/ok of a frame with a forward-only reader (cheap on large payloads).</summary>
    private static bool TryReadResponse(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> id, out bool ok)
    {
        ok = false;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        bool isRes = false, idMatches = false, sawOk = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isRes = reader.ValueTextEquals("res"u8);
                if (!isRes)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                idMatches = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(id);
            }
            else if (reader.ValueTextEquals("ok"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.True;
                sawOk = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
            if (isRes && idMatches && sawOk)
            {
                return true;
            }
        }
        return isRes && idMatches && sawOk;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private Task SendAsync(string text, CancellationToken ct) =>
        _ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>Reads one whole message into the buffer; returns its length, or -1 on close.</summary>
    private async Task<int> ReceiveAsync(CancellationToken ct)
    {
        var length = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var r = await _ws.ReceiveAsync(_buffer.AsMemory(length), ct);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }
            length += r.Count;
            if (r.EndOfMessage)
            {
                return length;
            }
        }
        throw new InvalidOperationException("message too fragmented");
    }
}
