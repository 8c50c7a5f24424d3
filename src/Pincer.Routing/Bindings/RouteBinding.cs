namespace Pincer.Routing.Bindings;

/// <summary>One <c>bindings[]</c> route entry, in config order, with its optional per-binding session scopes.</summary>
internal sealed record RouteBinding(
    string? AgentId,
    BindingMatch Match,
    int Order,
    string? DmScopeOverride,
    string? GroupScopeOverride);
