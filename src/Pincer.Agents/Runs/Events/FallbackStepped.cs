namespace Pincer.Agents.Runs.Events;

/// <summary>
/// The run moves down its fallback chain: from <see cref="FromModel"/> (which failed with
/// <see cref="FailureReason"/>, <see cref="FailureDetail"/> being the status and provider message) to
/// <see cref="ToModel"/>, the chain's <see cref="ChainPosition"/>-th step. Models are <c>provider/model</c> refs.
/// </summary>
public sealed record FallbackStepped(long AtMs, string FromModel, string ToModel, string FailureReason, string FailureDetail, int ChainPosition) : RunEvent(AtMs);
