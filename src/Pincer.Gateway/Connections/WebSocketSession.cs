using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pincer.Gateway.Control;
using Pincer.Gateway.Events;
using Pincer.Gateway.Handshake;
using Pincer.Gateway.Presence;
using Pincer.Protocol;
using Pincer.Protocol.Errors;
using Pincer.Protocol.Validation;

namespace Pincer.Gateway.Connections;

/// <summary>
/// One socket's life in the reference's shape: challenge → connect under a 15 s deadline with a
/// 64 KiB frame ceiling → register → read loop (25 MiB ceiling) dispatching requests
/// concurrently → unregister. Handler work is tracked and awaited before the session ends.
/// </summary>
internal sealed class WebSocketSession(
    ConnectionRegistry registry,
    ConnectHandler connect,
    MethodRouter router,
    ClientPresence presence,
    TimeProvider time,
    ILogger<WebSocketSession> logger)
{
    private const int MaxPendingRequests = 256;

    public async Task RunAsync(HttpContext http, CancellationToken stopping)
    {
        var remote = http.Connection.RemoteIpAddress;
        var ip = remote?.ToString() ?? "unknown";
        if (!registry.TryReservePreAuth(ip, ProtocolConstants.MaxPreAuthSocketsPerIp))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync("Too many unauthenticated sockets", stopping).ConfigureAwait(false);
            return;
        }

        if (ProxyAttribution.Missing(http, connect.AuthSettings))
        {
            // A trusted proxy must say whom it forwards for; without it the upgrade is refused outright.
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync("""{"error":{"message":"proxy client attribution is required","type":"proxy_attribution_required"}}""", stopping).ConfigureAwait(false);
            registry.ReleasePreAuth(ip);
            return;
        }

        var preAuthReleased = false;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = TimeSpan.FromMilliseconds(ProtocolConstants.PingIntervalMs),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(ProtocolConstants.PingIntervalMs),
        }).ConfigureAwait(false);

        var connection = new GatewayConnection(socket, remote, IsDirectLoopback(http), Header(http, "Origin"), Guid.NewGuid().ToString());
        registry.Add(connection);
        var writer = connection.RunWriterAsync(stopping);
        var inflight = new HashSet<Task>();
        try
        {
            var nonce = Guid.NewGuid().ToString();
            connection.Send(FrameWriter.Event("connect.challenge", new JsonObject
            {
                ["nonce"] = nonce,
                ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
                ["capabilities"] = new JsonArray("model-catalog-snapshot"),
            }));

            if (!await HandshakeAsync(http, connection, socket, nonce, stopping).ConfigureAwait(false))
            {
                return;
            }

            registry.ReleasePreAuth(ip);
            preAuthReleased = true;
            presence.Connected(connection);
            await ReadLoopAsync(connection, socket, inflight, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished or the host is stopping: nothing more to say on this socket.
        }
        catch (Exception ex)
        {
            GatewayLog.ConnectionFailed(logger, connection.ConnId, ex);
        }
        finally
        {
            if (!preAuthReleased)
            {
                registry.ReleasePreAuth(ip);
            }

            registry.Remove(connection);
            if (connection.Authenticated)
            {
                presence.Disconnected(connection);
            }

            Task[] pending;
            lock (inflight)
            {
                pending = [.. inflight];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);

            // Let the writer flush what is queued (an error response, then the close frame) before tearing
            // down. A peer-initiated close is echoed with the peer's own status, as the reference does.
            connection.RequestClose(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription ?? "");
            await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)).ConfigureAwait(false);
            await connection.AwaitPeerCloseAsync().ConfigureAwait(false);
            connection.Abort();
            await writer.ConfigureAwait(false);
            if (connection.CloseSent is { } close)
            {
                GatewayLog.ConnectionClosed(logger, connection.ConnId, (int)close.Code, close.Reason);
            }
        }
    }

    private async Task<bool> HandshakeAsync(HttpContext http, GatewayConnection connection, WebSocket socket, string nonce, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(ProtocolConstants.HandshakeTimeoutMs));
        byte[]? frame;
        try
        {
            frame = await ReceiveAsync(socket, ProtocolConstants.MaxPreAuthPayloadBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            connection.RequestClose(WebSocketCloseStatus.NormalClosure, "");
            return false;
        }
        catch (FrameTooLargeException)
        {
            connection.RequestClose(WebSocketCloseStatus.MessageTooBig, "");
            return false;
        }

        if (frame is null)
        {
            return false;
        }

        if (!TryParse(frame, out var node))
        {
            connection.RequestClose(WebSocketCloseStatus.NormalClosure, "");
            return false;
        }

        if (SchemaValidator.ForSchema("RequestFrameSchema").Validate(node).Count > 0)
        {
            connection.RequestClose(WebSocketCloseStatus.PolicyViolation, "invalid request frame");
            return false;
        }

        var request = (JsonObject)node!;
        var id = (string)request["id"]!;
        if ((string?)request["method"] != "connect")
        {
            Reject(connection, id, HandshakeOutcome.Reject(RpcError.InvalidRequest("invalid handshake: first request must be connect")));
            return false;
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var context = new ConnectContext(connection.ConnId, nonce, connection.RemoteAddress, connection.IsLoopback, connection.Origin, headers);
        var outcome = await connect.HandleAsync(request["params"], context, connection, stopping).ConfigureAwait(false);
        if (outcome.HelloOk is null)
        {
            Reject(connection, id, outcome);
            return false;
        }

        connection.Send(FrameWriter.Response(id, outcome.HelloOk));
        return true;
    }

    private void Reject(GatewayConnection connection, string id, HandshakeOutcome outcome)
    {
        GatewayLog.HandshakeRejected(logger, connection.ConnId, outcome.CloseReason);
        if (outcome.Error is not null)
        {
            connection.Send(FrameWriter.Error(id, outcome.Error));
        }

        connection.RequestClose(outcome.CloseCode, outcome.CloseReason);
    }

    private async Task ReadLoopAsync(GatewayConnection connection, WebSocket socket, HashSet<Task> inflight, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, connection.Closing);
        while (!linked.IsCancellationRequested)
        {
            byte[]? frame;
            try
            {
                frame = await ReceiveAsync(socket, ProtocolConstants.MaxPayloadBytes, linked.Token).ConfigureAwait(false);
            }
            catch (FrameTooLargeException)
            {
                connection.RequestClose(WebSocketCloseStatus.MessageTooBig, "");
                return;
            }

            if (frame is null)
            {
                return;
            }

            if (!TryParse(frame, out var node))
            {
                continue;
            }

            var frameErrors = SchemaValidator.ForSchema("RequestFrameSchema").Validate(node);
            if (frameErrors.Count > 0)
            {
                var badId = (node as JsonObject)?["id"] is JsonValue v && v.TryGetValue<string>(out var given) && given.Length > 0 ? given : "invalid";
                connection.Send(FrameWriter.Error(badId, RpcError.InvalidRequest("invalid request frame: " + ValidationMessage.Format(frameErrors))));
                continue;
            }

            var request = (JsonObject)node!;
            var id = (string)request["id"]!;
            var method = (string)request["method"]!;
            lock (inflight)
            {
                if (inflight.Count >= MaxPendingRequests)
                {
                    connection.Send(FrameWriter.Error(id, new RpcError(ErrorCodes.Unavailable, "The server is busy. Please try again in a moment.") { Retryable = true }));
                    continue;
                }

                var task = router.DispatchAsync(connection, id, method, request["params"], linked.Token);
                if (!task.IsCompleted)
                {
                    inflight.Add(task);
                    _ = task.ContinueWith(t => { lock (inflight) { inflight.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
    }

    /// <summary>One whole message, or null when the peer closed. Oversize messages throw before buffering past the limit.</summary>
    private static async Task<byte[]?> ReceiveAsync(WebSocket socket, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var result = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > limit)
            {
                throw new FrameTooLargeException();
            }

            if (result.EndOfMessage)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }

    private static bool TryParse(byte[] frame, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(frame);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private static bool IsDirectLoopback(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return false;
        }

        // A loopback peer that forwards for someone else is a proxy, not the local operator.
        return !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("X-Real-IP") && !http.Request.Headers.ContainsKey("Forwarded");
    }

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private sealed class FrameTooLargeException : Exception;
}
