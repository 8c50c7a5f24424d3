namespace Pincer.Routing;

public enum RouteRefusalKind
{
    /// <summary>Several agents, no binding and no recorded owner: fail closed rather than guess.</summary>
    AgentSelectionRequired,

    /// <summary>The roster exists but lists no usable agent.</summary>
    NoAgentsConfigured,
}
