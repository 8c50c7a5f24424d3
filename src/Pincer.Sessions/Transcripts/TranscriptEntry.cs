using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Sessions.Store;

namespace Pincer.Sessions.Transcripts;

/// <summary>
/// One transcript record (a line of the legacy JSONL, a <c>transcript_events</c> row): the session
/// header, a message, or a tree/control entry (compaction, reset, label, custom, …). The JSON object
/// is the record, so kinds and fields Pincer does not know are kept verbatim. Every non-header entry
/// links to its parent by id; the active branch is the path from the current leaf to the root.
/// </summary>
public sealed class TranscriptEntry
{
    /// <summary>The header version the reference writes today.</summary>
    public const int CurrentHeaderVersion = 4;

    public TranscriptEntry(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
    }

    public JsonObject Json { get; }

    /// <summary>Parses one stored event; null when it is not a JSON object.</summary>
    public static TranscriptEntry? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonNode.Parse(json) is JsonObject obj ? new TranscriptEntry(obj) : null;
    }

    /// <summary>The header the reference opens every transcript with (its id is the session id).</summary>
    public static TranscriptEntry CreateHeader(string sessionId, DateTimeOffset timestamp, string cwd, string? parentSession = null)
    {
        var json = new JsonObject
        {
            ["type"] = TranscriptEntryTypes.Session,
            ["version"] = CurrentHeaderVersion,
            ["id"] = sessionId,
            ["timestamp"] = FormatTimestamp(timestamp),
            ["cwd"] = cwd,
        };
        if (parentSession is not null)
        {
            json["parentSession"] = parentSession;
        }

        return new TranscriptEntry(json);
    }

    /// <summary>A message entry; <paramref name="message"/> carries role, content and the rest.</summary>
    public static TranscriptEntry CreateMessage(string id, string? parentId, DateTimeOffset timestamp, JsonObject message) =>
        new(new JsonObject
        {
            ["type"] = TranscriptEntryTypes.Message,
            ["id"] = id,
            ["parentId"] = parentId,
            ["timestamp"] = FormatTimestamp(timestamp),
            ["message"] = message.Parent is null ? message : message.DeepClone(),
        });

    /// <summary>JavaScript's <c>Date.prototype.toISOString()</c>: UTC, milliseconds, 'Z'.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public string? Type => JsonFields.GetString(Json, "type");

    /// <summary>The entry id (for the header, the session id).</summary>
    public string? Id => JsonFields.GetString(Json, "id");

    /// <summary>The parent entry id; null for the first entry after the header (and for the header).</summary>
    public string? ParentId => JsonFields.GetString(Json, "parentId");

    public bool IsHeader => Type == TranscriptEntryTypes.Session;

    /// <summary>The entry time: an ISO-8601 string in current rows, a number in some older ones.</summary>
    public DateTimeOffset? Timestamp
    {
        get
        {
            if (JsonFields.GetString(Json, "timestamp") is { } text)
            {
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : null;
            }

            return JsonFields.GetDouble(Json, "timestamp") is { } ms && Math.Abs(ms) <= 8.64e15
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(ms))
                : null;
        }
    }

    /// <summary>The model-visible message of a <c>message</c> entry.</summary>
    public JsonObject? Message => JsonFields.GetObject(Json, "message");

    /// <summary>'user', 'assistant' or 'toolResult' (others are kept as written).</summary>
    public string? Role => Message is { } message ? JsonFields.GetString(message, "role") : null;

    /// <summary>A string, or an array of content blocks (<c>{type:"text",text}</c>, images, tool calls…).</summary>
    public JsonNode? Content => Message is { } message && message.TryGetPropertyValue("content", out var content) ? content : null;

    /// <summary>
    /// The plain text of a message: a string content as is, else the text blocks joined by newlines.
    /// </summary>
    public string? Text
    {
        get
        {
            switch (Content)
            {
                case JsonValue value when value.TryGetValue<string>(out var text):
                    return text;
                case JsonArray blocks:
                    var parts = blocks.OfType<JsonObject>()
                        .Where(b => JsonFields.GetString(b, "type") is "text")
                        .Select(b => JsonFields.GetString(b, "text"))
                        .OfType<string>()
                        .ToList();
                    return parts.Count > 0 ? string.Join('\n', parts) : null;
                default:
                    return null;
            }
        }
    }

    public TranscriptEntry Clone() => new((JsonObject)Json.DeepClone());
}
