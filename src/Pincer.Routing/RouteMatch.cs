namespace Pincer.Routing;

/// <summary>Which rung of the binding ladder chose the agent, in precedence order.</summary>
public enum RouteMatch
{
    Peer,
    ParentPeer,
    PeerWildcard,
    GuildRoles,
    Guild,
    Team,
    Account,
    Channel,
    Default,
}
