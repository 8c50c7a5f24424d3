using Pincer.Abstractions.Channels;

namespace Pincer.Routing.Bindings;

/// <summary>
/// The bindings that apply to one channel account, sorted into the ladder's tiers once. Each tier keeps
/// config order, so the first binding whose whole match holds wins.
/// </summary>
internal sealed class BindingIndex
{
    private static readonly IReadOnlyList<RouteBinding> Empty = [];

    private BindingIndex()
    {
    }

    public Dictionary<string, List<RouteBinding>> ByPeer { get; } = new(StringComparer.Ordinal);

    public List<RouteBinding> ByPeerWildcard { get; } = [];

    public Dictionary<string, List<RouteBinding>> ByGuildWithRoles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RouteBinding>> ByGuild { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RouteBinding>> ByTeam { get; } = new(StringComparer.Ordinal);

    public List<RouteBinding> ByAccount { get; } = [];

    public List<RouteBinding> ByChannel { get; } = [];

    /// <summary>Groups and channels share one peer namespace for exact matches.</summary>
    public static string PeerKey(string kind, string id) => $"{(kind == ChatTypes.Channel ? ChatTypes.Group : kind)}:{id}";

    public static IReadOnlyList<RouteBinding> Lookup(Dictionary<string, List<RouteBinding>> tier, string key)
        => tier.TryGetValue(key, out var list) ? list : Empty;

    public static BindingIndex Build(IEnumerable<RouteBinding> bindings)
    {
        var index = new BindingIndex();
        foreach (var binding in bindings)
        {
            var match = binding.Match;
            if (match.Peer.State == PeerConstraintState.Valid)
            {
                Add(index.ByPeer, PeerKey(match.Peer.Kind.ToWireName(), match.Peer.Id), binding);
            }
            else if (match.Peer.State == PeerConstraintState.WildcardKind)
            {
                index.ByPeerWildcard.Add(binding);
            }
            else if (match.GuildId is not null && match.Roles is not null)
            {
                Add(index.ByGuildWithRoles, match.GuildId, binding);
            }
            else if (match.GuildId is not null)
            {
                Add(index.ByGuild, match.GuildId, binding);
            }
            else if (match.TeamId is not null)
            {
                Add(index.ByTeam, match.TeamId, binding);
            }
            else if (match.AccountPattern != "*")
            {
                index.ByAccount.Add(binding);
            }
            else
            {
                index.ByChannel.Add(binding);
            }
        }

        return index;
    }

    private static void Add(Dictionary<string, List<RouteBinding>> tier, string key, RouteBinding binding)
    {
        if (!tier.TryGetValue(key, out var list))
        {
            tier[key] = list = [];
        }

        list.Add(binding);
    }
}
