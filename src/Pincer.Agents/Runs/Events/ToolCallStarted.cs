using System.Text.Json.Nodes;

namespace Pincer.Agents.Runs.Events;

/// <summary>A tool call the model asked for is starting.</summary>
public sealed record ToolCallStarted(long AtMs, string CallId, string Name, JsonObject Arguments) : RunEvent(AtMs);
