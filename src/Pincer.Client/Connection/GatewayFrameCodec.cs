using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Client.Connection;

/// <summary>Frame text ↔ <see cref="JsonObject"/> without reflection (AOT-safe).</summary>
internal static class GatewayFrameCodec
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text as UTF-8 like JSON.stringify does; the server doesn't care, but logs and
        // signatures compare more easily when frames look the same as the reference's.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Encode(JsonObject frame)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            frame.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Null for anything that is not a JSON object (the reference ignores such frames).</summary>
    public static JsonObject? Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string ToText(JsonObject frame) => Encoding.UTF8.GetString(Encode(frame));
}
