using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Events;

/// <summary>
/// Serialises frames with the reference's fixed key order (responses: type, id, ok, payload|error;
/// events: type, event, payload, seq, stateVersion). Built by hand because the order is part of
/// the contract and the broadcaster splices per-connection <c>seq</c> into a shared prefix.
/// </summary>
internal static class FrameWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static byte[] Response(string id, JsonNode? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "res");
            w.WriteString("id", id);
            w.WriteBoolean("ok", true);
            if (payload is not null)
            {
                w.WritePropertyName("payload");
                payload.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(string id, RpcError error, JsonNode? payload = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "res");
            w.WriteString("id", id);
            w.WriteBoolean("ok", false);
            if (payload is not null)
            {
                w.WritePropertyName("payload");
                payload.WriteTo(w);
            }

            w.WritePropertyName("error");
            WriteError(w, error);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteError(Utf8JsonWriter w, RpcError error)
    {
        w.WriteStartObject();
        w.WriteString("code", error.Code);
        w.WriteString("message", error.Message);
        if (error.Details is not null)
        {
            w.WritePropertyName("details");
            error.Details.WriteTo(w);
        }

        if (error.Retryable is { } retryable)
        {
            w.WriteBoolean("retryable", retryable);
        }

        if (error.RetryAfterMs is { } after)
        {
            w.WriteNumber("retryAfterMs", after);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// The event frame up to (not including) the closing brace, so each recipient can append its
    /// own <c>seq</c> without re-serialising the payload.
    /// </summary>
    public static byte[] EventPrefix(string name, JsonNode? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "event");
            w.WriteString("event", name);
            if (payload is not null)
            {
                w.WritePropertyName("payload");
                payload.WriteTo(w);
            }

            w.WriteEndObject();
        }

        // Drop the trailing '}' so a suffix can be appended.
        return buffer.WrittenSpan[..^1].ToArray();
    }

    public static byte[] EventSuffix(long? seq, StateVersion? stateVersion)
    {
        if (seq is null && stateVersion is null)
        {
            return "}"u8.ToArray();
        }

        var text = seq is { } s ? $",\"seq\":{s}" : "";
        if (stateVersion is { } sv)
        {
            text += $",\"stateVersion\":{{\"presence\":{sv.Presence},\"health\":{sv.Health}}}";
        }

        return System.Text.Encoding.UTF8.GetBytes(text + "}");
    }

    /// <summary>A complete event frame without seq (challenge, node-path events).</summary>
    public static byte[] Event(string name, JsonNode? payload) => [.. EventPrefix(name, payload), (byte)'}'];
}
