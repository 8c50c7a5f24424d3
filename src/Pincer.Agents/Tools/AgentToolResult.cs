namespace Pincer.Agents.Tools;

/// <summary>What a tool call produced: text for the model, and whether the call failed.</summary>
public sealed record AgentToolResult(string Text, bool IsError = false);
