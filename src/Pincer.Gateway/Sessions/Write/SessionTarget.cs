namespace Pincer.Gateway.Sessions.Write;

/// <summary>A request's session resolved to its agent and canonical store key.</summary>
internal sealed record SessionTarget(string AgentId, string StoreKey, string MainKey);
