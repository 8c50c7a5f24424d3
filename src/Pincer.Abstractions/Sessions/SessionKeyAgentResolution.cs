namespace Pincer.Abstractions.Sessions;

/// <summary>Which agent owns a key, or why none can be named (the reference's refusal text in <see cref="Error"/>).</summary>
public sealed record SessionKeyAgentResolution(string? AgentId, string? Error)
{
    public bool Succeeded => AgentId is not null;
}
