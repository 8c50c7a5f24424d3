using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Pincer.Gateway.Events;
using Pincer.Protocol;

namespace Pincer.Gateway.Connections;

/// <summary>
/// One WebSocket peer: its identity after the handshake, its per-connection <c>seq</c>, and a
/// bounded-by-bytes outbox drained by a single writer so a slow client only slows itself.
/// </summary>
internal sealed class GatewayConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<OutboundFrame> _outbox = Channel.CreateUnbounded<OutboundFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private long _queuedBytes;
    private long _seq;
    private int _closeRequested;
    private int _roleErrors;

    public GatewayConnection(WebSocket socket, IPAddress? remoteAddress, bool isLoopback, string? origin, string connId)
    {
        _socket = socket;
        RemoteAddress = remoteAddress;
        IsLoopback = isLoopback;
        Origin = origin;
        ConnId = connId;
    }

    public string ConnId { get; }

    public IPAddress? RemoteAddress { get; }

    public bool IsLoopback { get; }

    public string? Origin { get; }

    public bool Authenticated { get; private set; }

    public string Role { get; private set; } = "operator";

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public ConnectedClient? Client { get; private set; }

    public CancellationToken Closing => _closing.Token;

    /// <summary>Set when the socket closes: the code and reason we sent, for logs and tests.</summary>
    public (WebSocketCloseStatus Code, string Reason)? CloseSent { get; private set; }

    public void MarkAuthenticated(ConnectedClient client, string role, IReadOnlyList<string> scopes)
    {
        Client = client;
        Role = role;
        Scopes = scopes;
        Authenticated = true;
    }

    /// <summary>Counts consecutive wrong-role calls; any other answer resets it.</summary>
    public int CountRoleError() => Interlocked.Increment(ref _roleErrors);

    public void ResetRoleErrors() => Volatile.Write(ref _roleErrors, 0);

    public void Send(byte[] frame) => Enqueue(OutboundFrame.Whole(frame), dropIfSlow: false);

    /// <summary>Queues a broadcast event with this connection's next seq (consumed even when dropped).</summary>
    public void EnqueueEvent(byte[] prefix, StateVersion? stateVersion, bool dropIfSlow)
    {
        var seq = Interlocked.Increment(ref _seq);
        Enqueue(new OutboundFrame(prefix, FrameWriter.EventSuffix(seq, stateVersion)), dropIfSlow);
    }

    private void Enqueue(OutboundFrame frame, bool dropIfSlow)
    {
        if (Volatile.Read(ref _closeRequested) != 0)
        {
            return;
        }

        if (Interlocked.Read(ref _queuedBytes) + frame.Length > ProtocolConstants.MaxBufferedBytes)
        {
            if (dropIfSlow)
            {
                return;
            }

            RequestClose(WebSocketCloseStatus.PolicyViolation, "slow consumer");
            return;
        }

        Interlocked.Add(ref _queuedBytes, frame.Length);
        _outbox.Writer.TryWrite(frame);
    }

    /// <summary>Asks the writer to flush what is queued, then close with this code.</summary>
    public void RequestClose(WebSocketCloseStatus code, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        CloseSent = (code, CloseReason.Truncate(reason));
        _outbox.Writer.TryComplete();
    }

    /// <summary>Custom close codes (4001) and 1012 are outside the enum's named values.</summary>
    public void RequestClose(int code, string reason) => RequestClose((WebSocketCloseStatus)code, reason);

    /// <summary>The single writer: drains the outbox, then sends the close frame if one was asked for.</summary>
    public async Task RunWriterAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var closeFrameSent = false;
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(linked.Token).ConfigureAwait(false))
            {
                if (frame.Suffix is null)
                {
                    await _socket.SendAsync(frame.Prefix, WebSocketMessageType.Text, true, linked.Token).ConfigureAwait(false);
                }
                else
                {
                    await _socket.SendAsync(frame.Prefix, WebSocketMessageType.Text, false, linked.Token).ConfigureAwait(false);
                    await _socket.SendAsync(frame.Suffix, WebSocketMessageType.Text, true, linked.Token).ConfigureAwait(false);
                }

                Interlocked.Add(ref _queuedBytes, -frame.Length);
            }

            if (CloseSent is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(close.Code, close.Reason, grace.Token).ConfigureAwait(false);
                closeFrameSent = true;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer went away or we are shutting down; the reader loop tears the socket down.
        }
        finally
        {
            // After our close frame the peer gets a grace period to answer it (the reference waits 1 s
            // before terminating). Cancelling the reader at once would abort the socket and could cost
            // the peer the frames still in flight, the last response among them.
            if (closeFrameSent)
            {
                _closing.CancelAfter(CloseGrace);
            }
            else
            {
                _closing.Cancel();
            }
        }
    }

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    /// <summary>Waits (bounded by the grace period) for the peer's answer to a close frame we sent.</summary>
    public async Task AwaitPeerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseSent)
        {
            return;
        }

        var buffer = new byte[1024];
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer, grace.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer never answered within the grace period or dropped the connection: we terminate.
        }
    }

    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _closing.Cancel();
    }
}
