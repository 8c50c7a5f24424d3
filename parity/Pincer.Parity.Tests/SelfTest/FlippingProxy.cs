using System.Net;
using System.Net.WebSockets;
using System.Text;
using Pincer.Parity.Running;

namespace Pincer.Parity.Tests.SelfTest;

/// <summary>
/// A WebSocket man-in-the-middle on loopback that forwards frames both ways and, on the way back
/// to the client, rewrites one string (e.g. flips an error code) — a deliberately broken gateway.
/// </summary>
internal sealed class FlippingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _upstreamPort;
    private readonly string? _find;
    private readonly string? _replace;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _accept;

    public FlippingProxy(int upstreamPort, string? find, string? replace)
    {
        _upstreamPort = upstreamPort;
        _find = find;
        _replace = replace;
        Port = GatewayProcess.FreeLoopbackPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public int Flips { get; private set; }

    private async Task AcceptLoopAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(ctx));
        }
    }

    private async Task ServeAsync(HttpListenerContext ctx)
    {
        if (!ctx.Request.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            ctx.Response.Close();
            return;
        }

        using var upstream = new ClientWebSocket();
        try
        {
            await upstream.ConnectAsync(new Uri($"ws://127.0.0.1:{_upstreamPort}{ctx.Request.RawUrl}"), _cts.Token);
        }
        catch (WebSocketException)
        {
            ctx.Response.StatusCode = 502;
            ctx.Response.Close();
            return;
        }

        var downstream = (await ctx.AcceptWebSocketAsync(null)).WebSocket;
        var up = PumpAsync(downstream, upstream, rewrite: false);
        var down = PumpAsync(upstream, downstream, rewrite: true);
        await Task.WhenAny(up, down);
        await Task.WhenAll(Quiet(up), Quiet(down));
        downstream.Dispose();
    }

    private static async Task Quiet(Task t)
    {
        try
        {
            await t.WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception)
        {
            // The other direction already ended the session.
        }
    }

    private async Task PumpAsync(WebSocket from, WebSocket to, bool rewrite)
    {
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult r;
            try
            {
                r = await from.ReceiveAsync(buffer, _cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                to.Abort();
                return;
            }

            if (r.MessageType == WebSocketMessageType.Close)
            {
                if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.Empty, from.CloseStatusDescription, CancellationToken.None);
                }

                return;
            }

            message.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage)
            {
                continue;
            }

            var bytes = message.ToArray();
            message.SetLength(0);
            if (rewrite && r.MessageType == WebSocketMessageType.Text && _find is not null && Flips == 0)
            {
                var text = Encoding.UTF8.GetString(bytes);
                if (text.Contains(_find, StringComparison.Ordinal))
                {
                    Flips++;
                    bytes = Encoding.UTF8.GetBytes(text.Replace(_find, _replace, StringComparison.Ordinal));
                }
            }

            if (to.State == WebSocketState.Open)
            {
                await to.SendAsync(bytes, r.MessageType, true, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _listener.Close();
        await Quiet(_accept);
        _cts.Dispose();
    }
}
