using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Usage;

/// <summary>
/// What one transcript message adds to a session's usage summary: its role (user/assistant, or a standalone tool
/// result), time, the tool calls it makes and tool results it carries, an error stop, its reported duration, and its
/// token usage and cost (<see cref="TranscriptUsage"/>, when it has usage).
/// </summary>
internal sealed record TranscriptContribution(
    string? Role,
    long? TimestampMs,
    double? DurationMs,
    string? Provider,
    string? Model,
    string? StopReason,
    IReadOnlyList<string> ToolNames,
    int ToolResults,
    int ToolResultErrors,
    TranscriptUsage? Usage)
{
    private static readonly string[] ErrorStops = ["error", "aborted", "timeout"];

    public bool IsErrorStop => StopReason is { } stop && ErrorStops.Contains(stop);

    /// <summary>The message's contribution, or null for entries that are not user/assistant/tool messages.</summary>
    public static TranscriptContribution? Read(TranscriptEntry entry, Func<string?, string?, ModelCost?> pricing)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Message is not { } message || Text(message["role"]) is not { } rawRole)
        {
            return null;
        }

        var standalone = rawRole is "tool" or "toolResult";
        if (!standalone && rawRole is not ("user" or "assistant"))
        {
            return null;
        }

        var (results, errors) = standalone
            ? (1, message["isError"] is JsonValue e1 && e1.TryGetValue<bool>(out var b1) && b1 || message["is_error"] is JsonValue e2 && e2.TryGetValue<bool>(out var b2) && b2 ? 1 : 0)
            : CountToolResults(message);
        var duration = Number(message["durationMs"]) ?? Number(entry.Json["durationMs"]);
        return new TranscriptContribution(
            standalone ? null : rawRole,
            TranscriptUsage.Time(entry)?.ToUnixTimeMilliseconds(),
            duration,
            Text(message["provider"]) ?? Text(entry.Json["provider"]),
            Text(message["model"]) ?? Text(entry.Json["model"]),
            Text(message["stopReason"]),
            standalone ? [] : ToolCallNames(message),
            results,
            errors,
            TranscriptUsage.Read(entry, pricing));
    }

    /// <summary>Every tool call the message makes; a legacy top-level name stands for the first block that repeats it.</summary>
    private static List<string> ToolCallNames(JsonObject message)
    {
        var topLevel = Trimmed(message["toolName"] ?? message["tool_name"]);
        var names = topLevel is null ? new List<string>() : [topLevel];
        var unmatched = topLevel;
        if (message["content"] is not JsonArray blocks)
        {
            return names;
        }

        foreach (var block in blocks.OfType<JsonObject>())
        {
            if (Trimmed(block["type"])?.ToLowerInvariant() is not ("toolcall" or "tool_call" or "tooluse" or "tool_use"))
            {
                continue;
            }

            var name = Trimmed(block["name"]);
            if (name is not null && name == unmatched)
            {
                unmatched = null;
            }
            else if (name is not null)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static (int Total, int Errors) CountToolResults(JsonObject message)
    {
        if (message["content"] is not JsonArray blocks)
        {
            return (0, 0);
        }

        var total = 0;
        var errors = 0;
        foreach (var block in blocks.OfType<JsonObject>())
        {
            if (Text(block["type"])?.ToLowerInvariant() is not ("tool_result" or "tool_result_error"))
            {
                continue;
            }

            total++;
            if (block["is_error"] is JsonValue v && v.TryGetValue<bool>(out var isError) && isError)
            {
                errors++;
            }
        }

        return (total, errors);
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? Trimmed(JsonNode? node) => Text(node)?.Trim() is { Length: > 0 } s ? s : null;
}
