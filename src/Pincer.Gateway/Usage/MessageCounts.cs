using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>Message tallies of a usage summary: user and assistant messages, tool calls, tool results and errors.</summary>
internal sealed class MessageCounts
{
    public long Total { get; private set; }

    public long User { get; private set; }

    public long Assistant { get; private set; }

    public long ToolCalls { get; private set; }

    public long ToolResults { get; private set; }

    public long Errors { get; private set; }

    public void Add(TranscriptContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        if (contribution.Role == "user")
        {
            User++;
            Total++;
        }
        else if (contribution.Role == "assistant")
        {
            Assistant++;
            Total++;
        }

        ToolCalls += contribution.ToolNames.Count;
        ToolResults += contribution.ToolResults;
        Errors += contribution.ToolResultErrors + (contribution.IsErrorStop ? 1 : 0);
    }

    public void Add(MessageCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Total += other.Total;
        User += other.User;
        Assistant += other.Assistant;
        ToolCalls += other.ToolCalls;
        ToolResults += other.ToolResults;
        Errors += other.Errors;
    }

    /// <summary>Writes the tallies into <paramref name="target"/> (after any keys it already has).</summary>
    public JsonObject WriteTo(JsonObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target["total"] = Total;
        target["user"] = User;
        target["assistant"] = Assistant;
        target["toolCalls"] = ToolCalls;
        target["toolResults"] = ToolResults;
        target["errors"] = Errors;
        return target;
    }
}
