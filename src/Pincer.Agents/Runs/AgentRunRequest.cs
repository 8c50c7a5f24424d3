using Pincer.Agents.Tools;

namespace Pincer.Agents.Runs;

/// <summary>Everything one turn needs once its session, prompt and models are resolved.</summary>
public sealed record AgentRunRequest
{
    /// <summary>The client-visible run id (a <c>chat.send</c> idempotency key, or a fresh id).</summary>
    public required string RunId { get; init; }

    public required string AgentId { get; init; }

    public required string SessionKey { get; init; }

    /// <summary>The transcript the run appends to.</summary>
    public required string SessionId { get; init; }

    /// <summary>The transcript entry new entries hang under (the user message just appended).</summary>
    public required string? ParentEntryId { get; init; }

    /// <summary>The first model to call; fallbacks come from <see cref="Planner"/>.</summary>
    public required ModelAttempt Model { get; init; }

    public IModelAttemptPlanner? Planner { get; init; }

    public IReadOnlyList<IAgentTool> Tools { get; init; } = [];

    /// <summary>The resolved thinking level, passed to the provider.</summary>
    public string ThinkingLevel { get; init; } = "off";

    /// <summary>How many model calls one turn may make before it stops (a runaway tool loop guard).</summary>
    public int MaxModelCalls { get; init; } = AgentRunner.DefaultMaxModelCalls;

    /// <summary>
    /// Whether the reply in flight when the run is aborted is committed as an aborted assistant message. The
    /// gateway's chat path turns this off: there the abort itself records the partial text, as a gateway-authored
    /// message, the way the reference's <c>chat.abort</c> does.
    /// </summary>
    public bool CommitAbortedReply { get; init; } = true;

    /// <summary>Where steered messages come from, when the turn takes any (steer queue mode).</summary>
    public IRunSteering? Steering { get; init; }
}
