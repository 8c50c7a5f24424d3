using System.Text.Json;

namespace Pincer.Bench;

/// <summary>The few fields of a gateway frame the turn benchmark routes on: a response's id/ok, or a
/// <c>chat</c> event's runId/state. Read with a forward-only reader so the client stays cheap
/// (it shares two cores with the gateway it measures).</summary>
internal readonly record struct TurnFrame(bool IsResponse, bool IsChatEvent, string? Id, bool Ok, string? RunId, string? State)
{
    public static TurnFrame Parse(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }
        string? type = null, ev = null, id = null, runId = null, state = null;
        var ok = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                ev = reader.GetString();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("ok"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                // Every payload's top level is walked (not only chat's): key order is not guaranteed.
                reader.Read();
                ReadChatPayload(ref reader, out runId, out state);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new TurnFrame(type == "res", type == "event" && ev == "chat", id, ok, runId, state);
    }

    private static void ReadChatPayload(ref Utf8JsonReader reader, out string? runId, out string? state)
    {
        runId = null;
        state = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("runId"u8))
            {
                reader.Read();
                runId = reader.GetString();
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
