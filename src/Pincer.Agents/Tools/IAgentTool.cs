using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Agents.Tools;

/// <summary>A tool the model may call during a run: its declaration (name, description, JSON schema) and its work.</summary>
public interface IAgentTool
{
    AIFunctionDeclaration Declaration { get; }

    /// <summary>Runs the tool. Expected failures come back as an error result, never as an exception.</summary>
    Task<AgentToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken);
}
