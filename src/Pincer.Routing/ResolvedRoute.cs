namespace Pincer.Routing;

/// <summary>
/// Where an inbound message goes: the owning agent, the session it joins, and the scopes that shaped
/// the key (after any binding's <c>session</c> override). Field names follow the reference's route.
/// </summary>
public sealed record ResolvedRoute(
    string AgentId,
    string Channel,
    string AccountId,
    string DmScope,
    string GroupScope,
    string SessionKey,
    string MainSessionKey,
    LastRoutePolicy LastRoutePolicy,
    RouteMatch MatchedBy)
{
    /// <summary>The session whose <c>lastRoute</c> an inbound message from <paramref name="sessionKey"/> updates.</summary>
    public string LastRouteSessionKey(string sessionKey) => LastRoutePolicy == LastRoutePolicy.Main ? MainSessionKey : sessionKey;
}
