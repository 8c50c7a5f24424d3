using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Providers;
using Pincer.Sessions.Transcripts;

namespace Pincer.Agents.Runs;

/// <summary>
/// The model-visible conversation of a transcript: the active branch from the root to the leaf, from the
/// latest compaction on (its summary standing in for what it replaced), as Microsoft.Extensions.AI messages.
/// Control entries (thinking level, model snapshots, custom markers) are not sent; assistant replies that
/// failed or were aborted without content are dropped, as are the gateway's own transcript-only assistant
/// entries, as the reference's replay drops them.
/// </summary>
public static class TranscriptReplay
{
    /// <param name="entries">The stored transcript, in log order.</param>
    /// <param name="userText">How a user message's text is presented to the model (its envelope); gets the
    /// message and its 0-based index among the replayed user messages.</param>
    public static IReadOnlyList<ChatMessage> Build(IReadOnlyList<StoredTranscriptEntry> entries, Func<JsonObject, int, string> userText)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(userText);
        var branch = ActiveBranch(entries);
        var start = 0;
        string? summary = null;
        for (var i = branch.Count - 1; i >= 0; i--)
        {
            if (branch[i].Type == TranscriptEntryTypes.Compaction)
            {
                summary = (branch[i].Json["summary"] as JsonValue)?.ToString();
                var firstKept = (branch[i].Json["firstKeptEntryId"] as JsonValue)?.ToString();
                var kept = firstKept is null ? -1 : branch.FindIndex(e => e.Id == firstKept);
                start = kept >= 0 ? kept : i + 1;
                break;
            }
        }

        var messages = new List<ChatMessage>();
        if (summary is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, summary) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } });
        }

        var users = 0;
        var pendingResults = new List<AIContent>();
        foreach (var entry in branch.Skip(start))
        {
            if (entry.Type != TranscriptEntryTypes.Message || entry.Message is not { } message)
            {
                continue;
            }

            var role = (message["role"] as JsonValue)?.ToString();
            if (role != "toolResult" && pendingResults.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Tool, [.. pendingResults]));
                pendingResults.Clear();
            }

            switch (role)
            {
                case "user":
                    messages.Add(User(message, userText(message, users++)));
                    break;
                case "assistant" when Assistant(message) is { } assistant:
                    messages.Add(assistant);
                    break;
                case "toolResult":
                    pendingResults.Add(ToolResult(message));
                    break;
            }
        }

        if (pendingResults.Count > 0)
        {
            messages.Add(new ChatMessage(ChatRole.Tool, [.. pendingResults]));
        }

        return messages;
    }

    /// <summary>The entries from the root to the current leaf (the last tree entry in log order).</summary>
    public static List<TranscriptEntry> ActiveBranch(IReadOnlyList<StoredTranscriptEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byId = new Dictionary<string, TranscriptEntry>(StringComparer.Ordinal);
        TranscriptEntry? leaf = null;
        foreach (var stored in entries)
        {
            var entry = stored.Entry;
            if (entry.IsHeader || entry.Id is not { } id)
            {
                continue;
            }

            if (entry.Type == TranscriptEntryTypes.Leaf)
            {
                var target = (entry.Json["targetId"] as JsonValue)?.ToString() ?? (entry.Json["leafId"] as JsonValue)?.ToString();
                leaf = target is not null && byId.TryGetValue(target, out var selected) ? selected : leaf;
                continue;
            }

            if (TranscriptEntryTypes.IsCanonical(entry.Type))
            {
                byId[id] = entry;
                leaf = entry;
            }
        }

        var branch = new List<TranscriptEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var node = leaf; node is not null && seen.Add(node.Id!); node = node.ParentId is { } parent && byId.TryGetValue(parent, out var up) ? up : null)
        {
            branch.Add(node);
        }

        branch.Reverse();
        return branch;
    }

    private static ChatMessage User(JsonObject message, string text)
    {
        if (message["content"] is JsonArray blocks)
        {
            var contents = new List<AIContent>();
            var textDone = false;
            foreach (var block in blocks.OfType<JsonObject>())
            {
                switch ((block["type"] as JsonValue)?.ToString())
                {
                    case "text" when !textDone:
                        contents.Add(new TextContent(text));
                        textDone = true;
                        break;
                    case "image" when Image(block) is { } image:
                        contents.Add(image);
                        break;
                }
            }

            return new ChatMessage(ChatRole.User, contents);
        }

        return new ChatMessage(ChatRole.User, text) { AdditionalProperties = new() { [ProviderConventions.PlainText] = true } };
    }

    /// <summary>
    /// Assistant entries the gateway itself wrote (an aborted run's kept partial, delivery mirrors): history for people,
    /// never replayed to a model, as the reference rules (provider <c>openclaw</c>, or a delivery-mirror marker).
    /// </summary>
    private static bool IsTranscriptOnly(JsonObject message) =>
        ((message["provider"] as JsonValue)?.ToString() == "openclaw"
            && (message["model"] as JsonValue)?.ToString() is "gateway-injected" or "delivery-mirror")
        || (message["openclawDeliveryMirror"] as JsonObject)?["kind"] is JsonValue kind
            && kind.ToString() is "channel-final" or "channel-final-suppressed" or "message-tool-source-reply" or "cron-direct-delivery-context";

    private static ChatMessage? Assistant(JsonObject message)
    {
        var stop = (message["stopReason"] as JsonValue)?.ToString();
        if (stop is StopReasons.Error or StopReasons.Aborted || IsTranscriptOnly(message))
        {
            return null;
        }

        var contents = new List<AIContent>();
        foreach (var block in (message["content"] as JsonArray ?? []).OfType<JsonObject>())
        {
            switch ((block["type"] as JsonValue)?.ToString())
            {
                case "text":
                    contents.Add(new TextContent((block["text"] as JsonValue)?.ToString() ?? ""));
                    break;
                case "thinking":
                    contents.Add(new TextReasoningContent((block["thinking"] as JsonValue)?.ToString() ?? "")
                    {
                        ProtectedData = (block["thinkingSignature"] as JsonValue)?.ToString(),
                    });
                    break;
                case "toolCall":
                    contents.Add(new FunctionCallContent(
                        (block["id"] as JsonValue)?.ToString() ?? "",
                        (block["name"] as JsonValue)?.ToString() ?? "",
                        Arguments(block["arguments"] as JsonObject)));
                    break;
            }
        }

        return contents.Count == 0 ? null : new ChatMessage(ChatRole.Assistant, contents);
    }

    private static FunctionResultContent ToolResult(JsonObject message)
    {
        var text = string.Join('\n', (message["content"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(b => (b["type"] as JsonValue)?.ToString() == "text")
            .Select(b => (b["text"] as JsonValue)?.ToString() ?? ""));
        return new FunctionResultContent((message["toolCallId"] as JsonValue)?.ToString() ?? "", text)
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ProviderConventions.ToolName] = (message["toolName"] as JsonValue)?.ToString(),
                [ProviderConventions.ToolError] = message["isError"] is JsonValue e && e.GetValueKind() == JsonValueKind.True,
            },
        };
    }

    private static DataContent? Image(JsonObject block)
    {
        var data = (block["data"] as JsonValue)?.ToString();
        var mime = (block["mimeType"] as JsonValue)?.ToString();
        if (data is null || mime is null)
        {
            return null;
        }

        try
        {
            return new DataContent(Convert.FromBase64String(data), mime);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?> Arguments(JsonObject? arguments)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? [])
        {
            result[name] = value is null ? null : JsonElement.Parse(value.ToJsonString());
        }

        return result;
    }
}
