using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// A stored transcript entry as chat history shows it: the message itself with OpenClaw's metadata
/// attached under <c>__openclaw</c> (entry id, idempotency key, record time, display position, seq);
/// displayed custom messages as <c>role:"custom"</c>; compaction and reset as system markers. Text longer
/// than <c>maxChars</c> is cut with the reference's <c>\n...(truncated)...</c> tail. Not yet ported from
/// the reference's display projection: hiding silent/control replies and private tool context, tool
/// activity grouping, media directives, canvas blocks, forwarded-message labels and profile display.
/// </summary>
internal static class ChatHistoryMessage
{
    public const int DefaultMaxChars = 8000;
    private const string RuntimeContextCustomType = "openclaw.runtime-context";

    /// <summary>Whether the entry occupies a slot in the visible history.</summary>
    public static bool IsVisible(TranscriptEntry entry) => entry.Type switch
    {
        TranscriptEntryTypes.Message => entry.Message is not null,
        TranscriptEntryTypes.Compaction or TranscriptEntryTypes.Reset => true,
        TranscriptEntryTypes.CustomMessage => entry.Json["display"] is JsonValue d && d.GetValueKind() == JsonValueKind.True
            && (entry.Json["customType"] as JsonValue)?.ToString() != RuntimeContextCustomType,
        _ => false,
    };

    /// <summary>The display source every position of this transcript generation carries (a hash; no path leaks).</summary>
    public static string DisplaySource(string databasePath, string agentId, string sessionId, string generation)
    {
        var parts = new JsonArray("sqlite", databasePath, agentId, sessionId, generation).ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
    }

    /// <param name="messageSeq">The entry's 1-based place among the visible history entries (raw positions are in <c>rawSeq</c>).</param>
    public static JsonObject? Project(StoredTranscriptEntry stored, long messageSeq, string? source, int maxChars)
    {
        var entry = stored.Entry;
        var json = entry.Json;
        var position = new JsonObject { ["source"] = source, ["rawSeq"] = stored.Seq };
        if (source is null)
        {
            position.Remove("source");
        }

        var recordMs = RecordTimestampMs(json["timestamp"]);
        if (entry.Type == TranscriptEntryTypes.Message && entry.Message is { } message)
        {
            var projected = (JsonObject)message.DeepClone();
            if ((projected["role"] as JsonValue)?.ToString() == "assistant" && projected["openclawDisplayContent"] is JsonArray display)
            {
                // What the assistant showed (e.g. with media placeholders) replaces what the model saw.
                projected.Remove("openclawDisplayContent");
                projected["content"] = display;
            }

            var truncated = Truncate(projected, maxChars);
            var meta = projected["__openclaw"] as JsonObject ?? [];
            projected.Remove("__openclaw");
            if (entry.Id is { } id)
            {
                meta["id"] = id;
            }

            if (message["idempotencyKey"] is JsonValue k && k.TryGetValue<string>(out var key) && key.Trim().Length > 0)
            {
                meta["idempotencyKey"] = key;
            }

            if (recordMs is { } ms)
            {
                meta["recordTimestampMs"] = ms;
            }

            meta["transcriptPosition"] = position;
            meta["seq"] = messageSeq;
            MarkTruncated(meta, truncated);
            projected["__openclaw"] = meta;
            return projected;
        }

        if (entry.Type == TranscriptEntryTypes.CustomMessage)
        {
            var custom = new JsonObject
            {
                ["role"] = "custom",
                ["customType"] = json["customType"]?.DeepClone(),
                ["content"] = json["content"]?.DeepClone(),
                ["display"] = json["display"]?.DeepClone(),
                ["details"] = json["details"]?.DeepClone(),
                ["timestamp"] = recordMs,
            };
            foreach (var name in custom.Where(p => p.Value is null && p.Key != "timestamp").Select(p => p.Key).ToList())
            {
                custom.Remove(name);
            }

            var truncated = Truncate(custom, maxChars);
            var meta = new JsonObject();
            if (entry.Id is { } id)
            {
                meta["id"] = id;
            }

            meta["recordTimestampMs"] = recordMs;
            meta["transcriptPosition"] = position;
            meta["seq"] = messageSeq;
            MarkTruncated(meta, truncated);
            custom["__openclaw"] = meta;
            return custom;
        }

        if (entry.Type is TranscriptEntryTypes.Compaction or TranscriptEntryTypes.Reset)
        {
            var kind = entry.Type;
            var identity = json["__openclaw"] as JsonObject;
            var meta = new JsonObject { ["kind"] = kind, ["id"] = entry.Id };
            if (entry.Id is null)
            {
                meta.Remove("id");
            }

            foreach (var name in new[] { "runId", "itemId" })
            {
                if (identity?[name] is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    meta[name] = s;
                }
            }

            if (kind == TranscriptEntryTypes.Compaction)
            {
                foreach (var name in new[] { "tokensBefore", "tokensAfter" })
                {
                    if (json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                    {
                        meta[name] = v.DeepClone();
                    }
                }
            }

            meta["transcriptPosition"] = position;
            meta["seq"] = messageSeq;
            return new JsonObject
            {
                ["role"] = "system",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = kind == TranscriptEntryTypes.Compaction ? "Compaction" : "Reset" }),
                ["timestamp"] = recordMs ?? stored.CreatedAtMs,
                ["__openclaw"] = meta,
            };
        }

        return null;
    }

    private static bool Truncate(JsonObject message, int maxChars)
    {
        var truncated = false;
        switch (message["content"])
        {
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Length > maxChars:
                message["content"] = Cut(text, maxChars);
                truncated = true;
                break;
            case JsonArray blocks:
                foreach (var block in blocks.OfType<JsonObject>())
                {
                    if (block["text"] is JsonValue t && t.TryGetValue<string>(out var blockText) && blockText.Length > maxChars)
                    {
                        block["text"] = Cut(blockText, maxChars);
                        truncated = true;
                    }
                }

                break;
        }

        return truncated;
    }

    private static void MarkTruncated(JsonObject meta, bool truncated)
    {
        if (truncated)
        {
            meta["truncated"] = true;
            meta["reason"] = meta["reason"] is JsonValue r && r.TryGetValue<string>(out var reason) ? reason : "display-cap";
        }
    }

    private static string Cut(string text, int maxChars) => SessionDisplayMessage.TruncateUtf16(text, maxChars) + "\n...(truncated)...";

    private static long? RecordTimestampMs(JsonNode? timestamp) => timestamp switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToUnixTimeMilliseconds() : null,
        JsonValue v when v.TryGetValue<double>(out var d) && double.IsFinite(d) => (long)d,
        _ => null,
    };

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
