using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Client.Tests.Connection;

/// <summary>
/// A scripted loopback WebSocket server: sends the challenge, then lets the test decide how to
/// answer each frame. Enough to pin the client's protocol behaviour without a real gateway.
/// </summary>
internal sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<WebSocket, JsonObject, Task> _onFrame;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeGatewayServer(Func<WebSocket, JsonObject, Task> onFrame)
    {
        _onFrame = onFrame;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public Uri Url => new($"ws://127.0.0.1:{Port}/");

    public List<JsonObject> Received { get; } = [];

    public static Task SendAsync(WebSocket socket, JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    public static Task HelloAsync(WebSocket socket, JsonObject connect) =>
        SendAsync(socket, JsonNode.Parse("""
            {"type":"res","id":"ID","ok":true,"payload":{"type":"hello-ok","protocol":4,
             "server":{"version":"2026.9.6","connId":"c1"},"auth":{"role":"operator","scopes":["operator.read"]},
             "policy":{"tickIntervalMs":30000}}}
            """)!.AsObject().WithId(connect["id"]!.GetValue<string>()));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var ws = (await context.AcceptWebSocketAsync(null)).WebSocket;
        await SendAsync(ws, JsonNode.Parse("""{"type":"event","event":"connect.challenge","payload":{"nonce":"n-1","ts":1}}""")!.AsObject());
        var buffer = new byte[1 << 16];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var result = await ws.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                var frame = JsonNode.Parse(buffer.AsSpan(0, result.Count))!.AsObject();
                lock (Received)
                {
                    Received.Add(frame);
                }

                await _onFrame(ws, frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }
}
