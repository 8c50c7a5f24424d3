using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Pincer.Client.Connection;

/// <summary>
/// One operator/node connection to a gateway: challenge → signed-or-not <c>connect</c> →
/// hello-ok, then concurrent requests correlated by id and events into a bounded channel.
/// A single receive loop owns the socket's read side; sends are serialised by a lock because
/// <see cref="ClientWebSocket"/> allows one outstanding send.
/// </summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly GatewayClientOptions _options;
    private readonly ConcurrentDictionary<string, GatewayPendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly Channel<GatewayEvent> _events;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<JsonObject> _challenge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private long _requestCounter;
    private GatewayTransportException? _closedError;

    private GatewayClient(ClientWebSocket socket, GatewayClientOptions options)
    {
        _socket = socket;
        _options = options;
        _events = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(Math.Max(1, options.EventBufferCapacity))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
    }

    /// <summary>The hello-ok payload (<c>protocol</c>, <c>server</c>, <c>features</c>, <c>snapshot</c>, <c>auth</c>, <c>policy</c>).</summary>
    public JsonObject Hello { get; private set; } = [];

    /// <summary>The connect params we sent (useful for diagnostics and tests).</summary>
    public JsonObject ConnectParams { get; private set; } = [];

    /// <summary>Events after hello-ok, in arrival order. Completes when the socket closes.</summary>
    public ChannelReader<GatewayEvent> Events => _events.Reader;

    /// <summary>Set once the socket has closed; requests fail with it from then on.</summary>
    public GatewayTransportException? ClosedError => Volatile.Read(ref _closedError);

    /// <summary>Opens the socket and completes the handshake, or throws a typed failure.</summary>
    /// <exception cref="GatewayTransportException">Refused, closed or timed out before hello-ok.</exception>
    /// <exception cref="GatewayRequestException">The gateway rejected <c>connect</c> (auth, pairing, protocol…).</exception>
    public static async Task<GatewayClient> ConnectAsync(GatewayClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new ClientWebSocket();
        // The reference offers permessage-deflate but the server never negotiates it; we don't offer it.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var client = new GatewayClient(socket, options);
        try
        {
            await client.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends one request and waits for its response payload. <paramref name="parameters"/> null
    /// omits <c>params</c> (the server treats that as <c>{}</c>), as the reference's own helpers do.
    /// </summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters = null,
        GatewayRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var closed = ClosedError;
        if (closed is not null)
        {
            throw closed;
        }

        var timeout = requestOptions?.Timeout ?? _options.RequestTimeout;
        var expectFinal = requestOptions?.ExpectFinal ?? false;
        if (expectFinal && requestOptions?.Timeout is null)
        {
            // The reference waits without a deadline for a final answer unless told otherwise.
            timeout = Timeout.InfiniteTimeSpan;
        }

        var id = NextRequestId();
        var pending = new GatewayPendingRequest(method, expectFinal, requestOptions?.OnAccepted);
        _pending[id] = pending;
        using var timeoutCts = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token, _lifetime.Token);
        try
        {
            var frame = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method };
            if (parameters is not null)
            {
                frame["params"] = parameters.DeepClone();
            }

            await SendAsync(frame, linked.Token).ConfigureAwait(false);
            return await pending.Completion.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GatewayTransportException(GatewayTransportErrorKind.Timeout,
                $"gateway timeout after {(long)timeout.TotalMilliseconds}ms")
            { TimeoutMs = (long)timeout.TotalMilliseconds };
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && ClosedError is { } gone)
        {
            throw gone;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Closes with 1000 and stops the loop. (The reference sends a close frame with no status; .NET
    /// cannot, and puts 1005 on the wire for <c>Empty</c>, which the ws library rejects as invalid.)
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is already gone or slow to answer; Dispose aborts the socket below.
            }
        }

        await ShutdownAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _socket.Dispose();
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeoutCts = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            try
            {
                await _socket.ConnectAsync(_options.Url, linked.Token).ConfigureAwait(false);
            }
            catch (WebSocketException ex)
            {
                throw UnreachableError(ex);
            }

            _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
            var challenge = await _challenge.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            var nonce = challenge["nonce"]?.GetValue<string>() ?? "";
            ConnectParams = GatewayConnectParams.Build(_options, nonce, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            var hello = await RequestConnectAsync(ConnectParams, linked.Token).ConfigureAwait(false);
            Hello = hello as JsonObject ?? [];
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var ms = (long)_options.ConnectTimeout.TotalMilliseconds;
            throw new GatewayTransportException(GatewayTransportErrorKind.Timeout, $"gateway timeout after {ms}ms") { TimeoutMs = ms };
        }
        catch (OperationCanceledException) when (ClosedError is { } closed && !cancellationToken.IsCancellationRequested)
        {
            throw closed;
        }
    }

    private async Task<JsonNode?> RequestConnectAsync(JsonObject connectParams, CancellationToken cancellationToken)
    {
        var id = NextRequestId();
        var pending = new GatewayPendingRequest("connect", expectFinal: false, onAccepted: null);
        _pending[id] = pending;
        try
        {
            var frame = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = "connect", ["params"] = connectParams.DeepClone() };
            await SendAsync(frame, cancellationToken).ConfigureAwait(false);
            return await pending.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private string NextRequestId() =>
        // Same shape as the reference client ("<counter>:<uuid>"), so logs line up side by side.
        $"{Interlocked.Increment(ref _requestCounter)}:{Guid.NewGuid()}";

    private async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = GatewayFrameCodec.Encode(frame);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            throw ClosedError ?? new GatewayTransportException(GatewayTransportErrorKind.Closed, $"gateway closed: {ex.Message}", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new GatewayFrameReader(_socket);
        GatewayTransportException? error = null;
        try
        {
            while (true)
            {
                var frame = await reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    error = ClosedByServer();
                    break;
                }

                Dispatch(frame);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            error = new GatewayTransportException(GatewayTransportErrorKind.Closed, "gateway client stopped");
        }
        catch (WebSocketException ex)
        {
            error = new GatewayTransportException(GatewayTransportErrorKind.Closed, $"gateway closed: {ex.Message}", ex)
            {
                CloseCode = (int?)_socket.CloseStatus,
                CloseReason = _socket.CloseStatusDescription,
            };
        }
        finally
        {
            MarkClosed(error ?? ClosedByServer());
        }
    }

    private void Dispatch(JsonObject frame)
    {
        switch (frame["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? frame["type"]!.GetValue<string>() : null)
        {
            case "res":
                var id = frame["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? frame["id"]!.GetValue<string>() : null;
                if (id is not null && _pending.TryGetValue(id, out var pending))
                {
                    pending.Complete(frame);
                }

                break;
            case "event":
                var name = frame["event"]?.GetValue<string>() ?? "";
                if (name == "connect.challenge")
                {
                    _challenge.TrySetResult(frame["payload"] as JsonObject ?? []);
                    break;
                }

                long? seq = frame["seq"] is JsonValue s && s.TryGetValue<long>(out var n) ? n : null;
                _events.Writer.TryWrite(new GatewayEvent(name, frame["payload"], seq, frame));
                break;
            default:
                // Unknown frame types are ignored, like the reference client does.
                break;
        }
    }

    private void MarkClosed(GatewayTransportException error)
    {
        Interlocked.CompareExchange(ref _closedError, error, null);
        var closed = ClosedError!;
        _challenge.TrySetException(closed);
        foreach (var entry in _pending.Values)
        {
            entry.Fail(closed);
        }

        _events.Writer.TryComplete();
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposal already tore everything down.
        }
    }

    private async Task ShutdownAsync()
    {
        try
        {
            if (!_lifetime.IsCancellationRequested)
            {
                _lifetime.CancelAfter(TimeSpan.FromSeconds(1));
            }
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The loop ends by cancellation or a broken socket; both are a finished loop.
        }

        if (_socket.State is not (WebSocketState.Closed or WebSocketState.None))
        {
            _socket.Abort();
        }

        MarkClosed(new GatewayTransportException(GatewayTransportErrorKind.Closed, "gateway client stopped"));
    }

    private GatewayTransportException ClosedByServer()
    {
        var code = (int?)_socket.CloseStatus;
        var reason = _socket.CloseStatusDescription ?? "";
        var shown = code is null or (int)WebSocketCloseStatus.Empty ? 1006 : code.Value;
        return new GatewayTransportException(GatewayTransportErrorKind.Closed, $"gateway closed ({shown}): {reason}")
        {
            CloseCode = code,
            CloseReason = reason,
        };
    }

    private GatewayTransportException UnreachableError(WebSocketException ex)
    {
        var socketError = FindSocketError(ex);
        var code = socketError switch
        {
            SocketError.ConnectionRefused => "ECONNREFUSED",
            SocketError.ConnectionReset => "ECONNRESET",
            SocketError.HostUnreachable => "EHOSTUNREACH",
            SocketError.NetworkUnreachable => "ENETUNREACH",
            SocketError.HostNotFound or SocketError.NoData => "ENOTFOUND",
            SocketError.TimedOut => "ETIMEDOUT",
            _ => null,
        };
        var hostPort = $"{_options.Url.Host}:{_options.Url.Port}";
        var message = code is null ? ex.Message : $"connect {code} {hostPort}";
        return new GatewayTransportException(GatewayTransportErrorKind.Closed, message, ex) { SocketCode = code };
    }

    private static SocketError? FindSocketError(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException se)
            {
                return se.SocketErrorCode;
            }
        }

        return null;
    }
}
