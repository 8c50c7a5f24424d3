using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Routing.Bindings;
using Pincer.Routing.Keys;
using Pincer.Routing.Roster;

namespace Pincer.Routing;

/// <summary>
/// A config's routing facts, parsed once: bindings by channel, the agent roster and session scopes.
/// <see cref="Resolve"/> walks the binding ladder for one inbound message — exact peer, parent peer,
/// peer wildcard, guild with roles, guild, team, account, channel-wide, then the fallback owner — and
/// builds the session key. Immutable; build a new table when the config changes.
/// </summary>
public sealed class RoutingTable
{
    // Bounded like the reference's per-config cache; cleared wholesale when full.
    private const int MaxCachedAccounts = 2000;

    private readonly Dictionary<string, ChannelBindings> _bindingsByChannel;
    private readonly AgentRoster _roster;
    private readonly ConcurrentDictionary<(string Channel, string Account), BindingIndex> _indexes = new();

    private RoutingTable(Dictionary<string, ChannelBindings> bindingsByChannel, AgentRoster roster, SessionSettings session)
    {
        _bindingsByChannel = bindingsByChannel;
        _roster = roster;
        Session = session;
    }

    public SessionSettings Session { get; }

    /// <summary>The configured agents' canonical ids, in config order; <c>main</c> alone when none are configured.</summary>
    public IReadOnlyList<string> AgentIds => _roster.AgentIds;

    /// <param name="config">The whole config (<c>bindings</c>, <c>agents</c>, <c>session</c> are read).</param>
    /// <param name="retainedLegacyDefaultAgentId">A legacy default owner the config loader retained from migration, if any.</param>
    public static RoutingTable FromConfig(JsonNode? config, string? retainedLegacyDefaultAgentId = null)
        => new(ChannelBindings.FromConfig(config), AgentRoster.FromConfig(config, retainedLegacyDefaultAgentId), SessionSettings.FromConfig(config));

    public RouteResult Resolve(RouteRequest request)
    {
        var channel = JsText.TrimLower(request.Channel);
        var accountId = AccountId.Normalize(request.AccountId);
        var peer = NormalizePeer(request.Peer);
        var parentPeer = NormalizePeer(request.ParentPeer);
        var guildId = JsText.Trim(request.GuildId ?? string.Empty);
        var teamId = JsText.Trim(request.TeamId ?? string.Empty);
        var roles = request.MemberRoleIds ?? [];
        var dmScope = request.DmScope ?? Session.DmScope ?? SessionKeyBuilder.DmScopeMain;
        var groupScope = request.GroupScope ?? Session.GroupScope ?? SessionKeyBuilder.GroupScopePerGroup;
        var scope = new MatchScope(peer, guildId, teamId, new HashSet<string>(roles, StringComparer.Ordinal));
        var index = IndexFor(channel, accountId);

        RouteResult? Choose(IReadOnlyList<RouteBinding> candidates, RouteMatch matchedBy, MatchScope bindingScope)
        {
            foreach (var candidate in candidates)
            {
                if (Matches(candidate.Match, bindingScope))
                {
                    return Route(_roster.PickExisting(candidate.AgentId), matchedBy, candidate.DmScopeOverride ?? dmScope, candidate.GroupScopeOverride ?? groupScope);
                }
            }

            return null;
        }

        RouteResult Route(Resolution pick, RouteMatch matchedBy, string effectiveDmScope, string effectiveGroupScope)
        {
            if (pick.Value is not { } agentId)
            {
                return RouteResult.Refused(pick.Refusal!);
            }

            var sessionKey = SessionKeyBuilder.BuildRouteKey(agentId, channel, peer, accountId, Session.MainKey, effectiveDmScope, effectiveGroupScope, Session.IdentityLinks);
            var mainSessionKey = JsText.TrimLower(SessionKeys.BuildAgentMain(agentId, Session.MainKey));
            return RouteResult.Routed(new ResolvedRoute(
                agentId, channel, accountId, effectiveDmScope, effectiveGroupScope, sessionKey, mainSessionKey,
                RouteNames.DeriveLastRoutePolicy(sessionKey, mainSessionKey), matchedBy));
        }

        var routed = (peer is not null ? Choose(BindingIndex.Lookup(index.ByPeer, BindingIndex.PeerKey(peer.Kind, peer.Id)), RouteMatch.Peer, scope) : null)
            ?? (parentPeer is { Id.Length: > 0 }
                ? Choose(BindingIndex.Lookup(index.ByPeer, BindingIndex.PeerKey(parentPeer.Kind, parentPeer.Id)), RouteMatch.ParentPeer, scope with { Peer = parentPeer })
                : null)
            ?? (peer is not null ? Choose(index.ByPeerWildcard, RouteMatch.PeerWildcard, scope) : null)
            ?? (guildId.Length > 0 && roles.Count > 0 ? Choose(BindingIndex.Lookup(index.ByGuildWithRoles, guildId), RouteMatch.GuildRoles, scope) : null)
            ?? (guildId.Length > 0 ? Choose(BindingIndex.Lookup(index.ByGuild, guildId), RouteMatch.Guild, scope) : null)
            ?? (teamId.Length > 0 ? Choose(BindingIndex.Lookup(index.ByTeam, teamId), RouteMatch.Team, scope) : null)
            ?? Choose(index.ByAccount, RouteMatch.Account, scope)
            ?? Choose(index.ByChannel, RouteMatch.Channel, scope);
        if (routed is not null)
        {
            return routed;
        }

        var callerDefault = JsText.TrimLower(request.DefaultAgentId);
        var owner = callerDefault.Length > 0 ? Resolution.Of(callerDefault)
            : _roster.CompatibilityAgentId is { } compat ? Resolution.Of(compat)
            : _roster.ResolveDefault(
                $"{channel} account {accountId} routing",
                $"Add a channel-wide binding for {channel}:{accountId}: {{\"agentId\":\"<agentId>\",\"match\":{{\"channel\":{JsText.Quote(channel)},\"accountId\":{JsText.Quote(accountId)}}}}}. Replace <agentId> with a configured agent, then restart the Gateway.");
        return owner.Value is { } ownerId
            ? Route(_roster.PickExisting(ownerId), RouteMatch.Default, dmScope, groupScope)
            : RouteResult.Refused(owner.Refusal!);
    }

    /// <summary>
    /// The session the unscoped <c>main</c> alias names: the ambient owner's main key, or <c>global</c> under
    /// <c>session.scope: "global"</c>. Refused when several agents are configured and none owns ambient work.
    /// </summary>
    public Resolution ResolveMainSessionKey()
        => _roster.ResolveAmbientOwner(null, "main-session routing", "Pass an explicit agent/session key instead of the unscoped main alias.")
            .Then(owner => SessionKeys.ResolveCanonicalMain(owner, Session.MainKey, Session.Scope));

    /// <summary>The agent that owns ambient work, or <paramref name="requestedAgentId"/> when one is given.</summary>
    public Resolution ResolveAmbientOwner(string? requestedAgentId = null)
        => _roster.ResolveAmbientOwner(
            requestedAgentId,
            "this operation",
            "Select an agent explicitly; CLI callers can pass --agent <id>, channels can add a binding, and ambient services can set their agentId target.");

    /// <summary>True when <paramref name="sessionKey"/> is exactly its agent's main key under this config's main key.</summary>
    public bool IsAgentMainSessionKey(string sessionKey)
        => SessionKeys.ParseAgent(sessionKey) is { } parsed && sessionKey == SessionKeys.BuildAgentMain(parsed.AgentId, Session.MainKey);

    /// <summary>Maps main-session aliases to this config's canonical main key for <paramref name="agentId"/>.</summary>
    public string CanonicalizeMainAlias(string sessionKey, string agentId)
        => SessionKeys.CanonicalizeMainAlias(sessionKey, agentId, Session.MainKey, Session.Scope);

    /// <summary>Peer ids of exact direct-message bindings for a channel account, in config order.</summary>
    public IReadOnlyList<string> ListExactDirectMessageBindingPeerIds(string channel, string? accountId)
    {
        const string prefix = "direct:";
        return IndexFor(JsText.TrimLower(channel), AccountId.Normalize(accountId)).ByPeer.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .ToList();
    }

    private static PeerRef? NormalizePeer(PeerRef? peer)
        => peer is null ? null : new PeerRef(ChatTypes.Normalize(peer.Kind)?.ToWireName() ?? peer.Kind, JsText.Trim(peer.Id ?? string.Empty));

    private static bool Matches(BindingMatch match, MatchScope scope)
    {
        if (match.Peer.State is PeerConstraintState.Valid or PeerConstraintState.WildcardKind)
        {
            if (scope.Peer is null || !PeerKindMatches(match.Peer.Kind.ToWireName(), scope.Peer.Kind))
            {
                return false;
            }

            if (match.Peer.State == PeerConstraintState.Valid && scope.Peer.Id != match.Peer.Id)
            {
                return false;
            }
        }

        if ((match.GuildId is not null && match.GuildId != scope.GuildId) || (match.TeamId is not null && match.TeamId != scope.TeamId))
        {
            return false;
        }

        return match.Roles is null || match.Roles.Any(role => role is not null && scope.MemberRoleIds.Contains(role));
    }

    private static bool PeerKindMatches(string bindingKind, string scopeKind)
        => bindingKind == scopeKind
            || (bindingKind == ChatTypes.Group && scopeKind == ChatTypes.Channel)
            || (bindingKind == ChatTypes.Channel && scopeKind == ChatTypes.Group);

    private BindingIndex IndexFor(string channel, string accountId)
    {
        if (_indexes.TryGetValue((channel, accountId), out var cached))
        {
            return cached;
        }

        var bindings = _bindingsByChannel.TryGetValue(channel, out var bucket) ? bucket.ForAccount(accountId) : [];
        var index = BindingIndex.Build(bindings);
        if (_indexes.Count >= MaxCachedAccounts)
        {
            _indexes.Clear();
        }

        _indexes[(channel, accountId)] = index;
        return index;
    }

    private sealed record MatchScope(PeerRef? Peer, string GuildId, string TeamId, HashSet<string> MemberRoleIds);
}
