using Microsoft.Extensions.AI;

namespace Pincer.Agents.Runs;

/// <summary>The reference's assistant-message <c>stopReason</c> values.</summary>
public static class StopReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolUse = "toolUse";
    public const string Error = "error";
    public const string Aborted = "aborted";

    public static string From(ChatFinishReason? reason, bool hasToolCalls)
    {
        if (hasToolCalls || reason == ChatFinishReason.ToolCalls)
        {
            return ToolUse;
        }

        return reason == ChatFinishReason.Length ? Length : Stop;
    }
}
