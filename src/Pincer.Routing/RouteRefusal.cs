namespace Pincer.Routing;

/// <summary>
/// Why no agent could own a message: several agents and no owner for this surface
/// (<see cref="RouteRefusalKind.AgentSelectionRequired"/>, code <c>AGENT_SELECTION_REQUIRED</c>), or an
/// empty roster. <see cref="Message"/> is the reference's text.
/// </summary>
public sealed record RouteRefusal(
    RouteRefusalKind Kind,
    string Message,
    IReadOnlyList<string> AgentIds,
    string? Surface,
    string? Hint)
{
    public const string AgentSelectionRequiredCode = "AGENT_SELECTION_REQUIRED";

    /// <summary>The reference's error code, or null where it has none.</summary>
    public string? Code => Kind == RouteRefusalKind.AgentSelectionRequired ? AgentSelectionRequiredCode : null;

    internal static RouteRefusal SelectionRequired(IReadOnlyList<string> agentIds, string surface, string hint)
        => new(RouteRefusalKind.AgentSelectionRequired, $"Multiple agents are configured, but {surface} has no explicit owner. {hint}", agentIds, surface, hint);

    internal static RouteRefusal NoAgents()
        => new(RouteRefusalKind.NoAgentsConfigured, "No agents configured. Run `openclaw onboard` or `openclaw agents add` first.", [], null, null);
}
