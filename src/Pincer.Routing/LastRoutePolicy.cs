namespace Pincer.Routing;

/// <summary>Which session records the inbound <c>lastRoute</c>: the agent's main session or the routed one.</summary>
public enum LastRoutePolicy
{
    Main,
    Session,
}
