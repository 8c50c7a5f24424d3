namespace Pincer.Abstractions.Sessions;

/// <summary>An <c>agent:&lt;agentId&gt;:&lt;rest&gt;</c> key split at its ownership head.</summary>
public sealed record AgentSessionKeyParts(string AgentId, string Rest);
