using System.Net;
using System.Net.WebSockets;
using Pincer.Gateway.Connections;
using Pincer.Protocol;

namespace Pincer.Gateway.Tests;

/// <summary>Slow-consumer handling of the per-connection outbox (spec §9), with no writer draining it.</summary>
public sealed class GatewayConnectionTests : IDisposable
{
    private readonly WebSocket _socket = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });

    public void Dispose() => _socket.Dispose();

    private GatewayConnection NewConnection() => new(_socket, IPAddress.Loopback, isLoopback: true, origin: null, connId: "c1");

    private static int FramesToFill() => (int)(ProtocolConstants.MaxBufferedBytes / (1024 * 1024));

    [Fact]
    public void DirectSendBeyondBufferClosesWithSlowConsumer()
    {
        var connection = NewConnection();
        var frame = new byte[1024 * 1024];
        for (var i = 0; i < FramesToFill(); i++)
        {
            connection.Send(frame);
        }

        Assert.Null(connection.CloseSent);
        connection.Send(frame);
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "slow consumer"), connection.CloseSent);
    }

    [Fact]
    public void DroppableEventBeyondBufferIsSkippedWithoutClosing()
    {
        var connection = NewConnection();
        var frame = new byte[1024 * 1024];
        for (var i = 0; i < FramesToFill(); i++)
        {
            connection.Send(frame);
        }

        connection.EnqueueEvent(frame, null, dropIfSlow: true);
        Assert.Null(connection.CloseSent);
        connection.EnqueueEvent(frame, null, dropIfSlow: false);
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "slow consumer"), connection.CloseSent);
    }

    [Fact]
    public void FirstCloseWins()
    {
        var connection = NewConnection();
        connection.RequestClose(4001, "device token revoked");
        connection.RequestClose(WebSocketCloseStatus.PolicyViolation, "slow consumer");
        Assert.Equal(((WebSocketCloseStatus)4001, "device token revoked"), connection.CloseSent);
    }
}
