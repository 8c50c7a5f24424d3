namespace Pincer.Routing;

/// <summary>The reference's wire names for routing enums (<c>matchedBy</c>, <c>lastRoutePolicy</c>).</summary>
public static class RouteNames
{
    public static string ToWireName(this RouteMatch match) => match switch
    {
        RouteMatch.Peer => "binding.peer",
        RouteMatch.ParentPeer => "binding.peer.parent",
        RouteMatch.PeerWildcard => "binding.peer.wildcard",
        RouteMatch.GuildRoles => "binding.guild+roles",
        RouteMatch.Guild => "binding.guild",
        RouteMatch.Team => "binding.team",
        RouteMatch.Account => "binding.account",
        RouteMatch.Channel => "binding.channel",
        RouteMatch.Default => "default",
        _ => throw new ArgumentOutOfRangeException(nameof(match), match, null),
    };

    public static string ToWireName(this LastRoutePolicy policy) => policy switch
    {
        LastRoutePolicy.Main => "main",
        LastRoutePolicy.Session => "session",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    /// <summary>Main when the routed session is the agent's main session.</summary>
    public static LastRoutePolicy DeriveLastRoutePolicy(string sessionKey, string mainSessionKey)
        => sessionKey == mainSessionKey ? LastRoutePolicy.Main : LastRoutePolicy.Session;
}
