using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Sessions.Transcripts;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// The reference's reading of one raw transcript event for its projection: whether it is a node of
/// the conversation tree (and its parent), whether it belongs on the active branch, and what text,
/// if any, it contributes to transcript search.
/// </summary>
internal static class TranscriptTree
{
    /// <summary>A parent-linked node: non-blank id, parent null or non-blank. Leaf controls point at their target.</summary>
    public static (string Id, string? ParentId)? Parse(JsonObject evt)
    {
        var type = SessionNodeRow.Raw(evt, "type");
        if (type == TranscriptEntryTypes.Session || !evt.TryGetPropertyValue("parentId", out var parentNode))
        {
            return null;
        }

        var id = NonBlank(evt["id"]);
        if (id is null || !TryNullableNonBlank(parentNode, out var parentId))
        {
            return null;
        }

        if (type != TranscriptEntryTypes.Leaf)
        {
            return (id, parentId);
        }

        if (!evt.TryGetPropertyValue("targetId", out var targetNode) || !TryNullableNonBlank(targetNode, out var targetId))
        {
            return null;
        }

        if (evt.TryGetPropertyValue("appendParentId", out var appendParent) && !TryNullableNonBlank(appendParent, out _))
        {
            return null;
        }

        if (evt.ContainsKey("appendMode") && SessionNodeRow.Raw(evt, "appendMode") != "side")
        {
            return null;
        }

        return (id, targetId);
    }

    public static bool ProjectsActiveEvent(JsonObject evt, string? type, bool canonical, (string Id, string? ParentId)? tree) =>
        type != TranscriptEntryTypes.Session && (canonical || tree is not null || evt.ContainsKey("message"));

    /// <summary>The search row of a user/assistant message with text; null otherwise.</summary>
    public static TranscriptSearchRow? SearchRow(JsonObject evt, long fallbackTimestampMs)
    {
        if (SessionNodeRow.Raw(evt, "type") != TranscriptEntryTypes.Message || SessionNodeRow.Raw(evt, "id") is not { } rawId)
        {
            return null;
        }

        var message = evt["message"] as JsonObject;
        var role = message is null ? null : SessionNodeRow.Raw(message, "role");
        var id = rawId.Trim();
        if (id.Length == 0 || role is not ("user" or "assistant") || MessageText(message!) is not { } text)
        {
            return null;
        }

        var timestamp = evt["timestamp"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseDate(v.GetValue<string>()),
            _ => double.NaN,
        };
        return new TranscriptSearchRow(id, role, text, double.IsFinite(timestamp) ? timestamp : fallbackTimestampMs);
    }

    /// <summary>JavaScript <c>Date.parse</c> for the ISO strings transcripts carry; NaN otherwise.</summary>
    public static double ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUnixTimeMilliseconds()
            : double.NaN;

    private static string? MessageText(JsonObject message)
    {
        if (SessionNodeRow.Raw(message, "content") is { } content)
        {
            return content.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        }

        if (SessionNodeRow.Raw(message, "text") is { } plain)
        {
            return plain.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        }

        if (message["content"] is not JsonArray blocks)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var block in blocks)
        {
            if (block is JsonObject b && SessionNodeRow.Raw(b, "type") is "text" or "input_text" or "output_text"
                && SessionNodeRow.Raw(b, "text") is { } text && text.Trim().Length > 0)
            {
                parts.Add(text);
            }
        }

        return parts.Count > 0 ? string.Join('\n', parts) : null;
    }

    private static string? NonBlank(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var s && s.Trim().Length > 0 ? s : null;

    /// <summary>JSON null reads as null; a non-blank string as itself; anything else fails.</summary>
    private static bool TryNullableNonBlank(JsonNode? node, out string? value)
    {
        if (node is null)
        {
            value = null;
            return true;
        }

        value = NonBlank(node);
        return value is not null;
    }
}
