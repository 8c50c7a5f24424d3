using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The second answer of an <c>agent</c> request, sent when its run ends: <c>ok</c> with the reply payloads and
/// the run's meta, <c>timeout</c>/<c>aborted</c> for a stopped run, or an <c>UNAVAILABLE</c> error that still
/// carries the run's summary — the shapes the reference answers with.
/// </summary>
internal static class AgentRunReply
{
    public static JsonObject Accepted(ChatRun run, bool namedSession)
    {
        ArgumentNullException.ThrowIfNull(run);
        var answer = new JsonObject { ["runId"] = run.RunId };
        if (namedSession)
        {
            answer["sessionKey"] = run.SessionKey;
        }

        answer["agentId"] = run.AgentId;
        answer["status"] = "accepted";
        answer["acceptedAt"] = run.AcceptedAtMs;
        return answer;
    }

    public static JsonObject InFlight(ChatRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new JsonObject { ["runId"] = run.RunId, ["status"] = "in_flight", ["agentId"] = run.AgentId };
    }

    /// <summary>The final answer; a failed run throws, since the reference sends it as an error frame.</summary>
    public static JsonObject Final(ChatRun run, ChatRunResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == "ok" && result.Outcome is { } outcome)
        {
            return new JsonObject
            {
                ["runId"] = run.RunId,
                ["status"] = "ok",
                ["summary"] = "completed",
                ["result"] = new JsonObject
                {
                    ["payloads"] = Payloads(outcome.FinalText),
                    ["meta"] = Meta(run, result, outcome),
                },
            };
        }

        if (result.Error is null || result.Outcome is { Aborted: true })
        {
            return new JsonObject { ["runId"] = run.RunId, ["status"] = "timeout", ["summary"] = "aborted", ["stopReason"] = result.StopReason ?? run.AbortReason };
        }

        throw new RpcException(RpcError.Unavailable(result.Error))
        {
            Payload = new JsonObject { ["runId"] = run.RunId, ["status"] = "error", ["summary"] = result.Error },
        };
    }

    private static JsonArray Payloads(string text) =>
        text.Length == 0 ? [] : [(JsonNode)new JsonObject { ["text"] = text, ["mediaUrl"] = null }];

    private static JsonObject Meta(ChatRun run, ChatRunResult result, RunOutcome outcome)
    {
        var agentMeta = new JsonObject
        {
            ["sessionId"] = result.SessionId,
            ["sessionFile"] = run.SessionKey,
            ["provider"] = outcome.Provider,
            ["model"] = outcome.Model,
        };
        if (result.ContextTokens is { } context)
        {
            agentMeta["contextTokens"] = context;
            agentMeta["contextTokensSource"] = "resolved";
        }

        agentMeta["agentHarnessId"] = "openclaw";
        agentMeta["usage"] = Usage(outcome.Usage, outcome.CostUsd);
        agentMeta["lastCallUsage"] = Usage(outcome.LastCallUsage, outcome.CostUsd);
        agentMeta["promptTokens"] = outcome.LastCallUsage.Input + outcome.LastCallUsage.CacheRead + outcome.LastCallUsage.CacheWrite;
        agentMeta["terminalReceipt"] = result.TerminalReceipt?.DeepClone();
        return new JsonObject
        {
            ["durationMs"] = result.EndedAtMs - (result.StartedAtMs ?? run.AcceptedAtMs),
            ["agentMeta"] = agentMeta,
            ["aborted"] = false,
            ["finalAssistantVisibleText"] = outcome.FinalText,
            ["finalAssistantRawText"] = outcome.FinalText,
            ["stopReason"] = outcome.StopReason,
            ["completion"] = new JsonObject { ["stopReason"] = outcome.StopReason, ["finishReason"] = outcome.StopReason },
        };
    }

    private static JsonObject Usage(RunUsage usage, double cost) => new()
    {
        ["input"] = usage.Input,
        ["output"] = usage.Output,
        ["cacheRead"] = usage.CacheRead,
        ["cacheWrite"] = usage.CacheWrite,
        ["total"] = usage.Total,
        ["cost"] = new JsonObject { ["total"] = cost },
    };
}
