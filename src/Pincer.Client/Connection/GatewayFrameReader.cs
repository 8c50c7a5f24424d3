using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Pincer.Client.Connection;

/// <summary>Reassembles fragmented text messages into frames; null when the server closed the socket.</summary>
internal sealed class GatewayFrameReader(WebSocket socket)
{
    private readonly ArrayBufferWriter<byte> _message = new(16 * 1024);

    public async Task<JsonObject?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                var memory = _message.GetMemory(16 * 1024);
                result = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                _message.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            var frame = GatewayFrameCodec.Decode(_message.WrittenSpan);
            if (frame is not null)
            {
                return frame;
            }
        }
    }
}
