namespace Pincer.Routing.Roster;

/// <summary>An agent id or the refusal that replaces it.</summary>
internal readonly record struct AgentPick(string? AgentId, RouteRefusal? Refusal)
{
    public static AgentPick Of(string agentId) => new(agentId, null);

    public static AgentPick Refuse(RouteRefusal refusal) => new(null, refusal);

    public AgentPick Then(Func<string, string> map) => AgentId is { } id ? Of(map(id)) : this;
}
