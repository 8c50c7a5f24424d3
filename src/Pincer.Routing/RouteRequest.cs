using Pincer.Abstractions.Channels;

namespace Pincer.Routing;

/// <summary>
/// The facts of one inbound message that routing reads (the reference's <c>ResolveAgentRouteInput</c>
/// without the config, which lives in <see cref="RoutingTable"/>).
/// </summary>
public sealed record RouteRequest
{
    public required string Channel { get; init; }

    /// <summary>Channel account; blank means the <c>default</c> account.</summary>
    public string? AccountId { get; init; }

    public PeerRef? Peer { get; init; }

    /// <summary>The thread's or topic's parent conversation, whose binding a thread inherits.</summary>
    public PeerRef? ParentPeer { get; init; }

    /// <summary>Discord guild.</summary>
    public string? GuildId { get; init; }

    /// <summary>Slack workspace.</summary>
    public string? TeamId { get; init; }

    /// <summary>Discord member roles, for role-scoped bindings.</summary>
    public IReadOnlyList<string>? MemberRoleIds { get; init; }

    /// <summary>Overrides <c>session.dmScope</c>.</summary>
    public string? DmScope { get; init; }

    /// <summary>Overrides <c>session.groupScope</c>.</summary>
    public string? GroupScope { get; init; }

    /// <summary>A known owner for messages no binding matches (ahead of the roster's fallback owner).</summary>
    public string? DefaultAgentId { get; init; }
}
