using System.Text.Json.Nodes;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Bindings;

/// <summary>
/// The route bindings of one channel, split into account-specific ones (by canonical account id;
/// no <c>accountId</c> means <c>default</c>) and the <c>accountId: "*"</c> ones.
/// </summary>
internal sealed class ChannelBindings
{
    public Dictionary<string, List<RouteBinding>> ByAccount { get; } = new(StringComparer.Ordinal);

    public List<RouteBinding> ByAnyAccount { get; } = [];

    /// <summary>Reads <c>bindings[]</c>: ACP bindings, entries without a channel and entries with an unusable peer are skipped.</summary>
    public static Dictionary<string, ChannelBindings> FromConfig(JsonNode? config)
    {
        var byChannel = new Dictionary<string, ChannelBindings>(StringComparer.Ordinal);
        if (ConfigJson.Property(config, "bindings") is not JsonArray bindings)
        {
            return byChannel;
        }

        var order = 0;
        foreach (var node in bindings)
        {
            if (node is not JsonObject binding || ConfigJson.String(ConfigJson.Property(binding, "type")) == "acp")
            {
                continue;
            }

            var rawMatch = ConfigJson.Property(binding, "match");
            var channel = JsText.TrimLower(ConfigJson.String(ConfigJson.Property(rawMatch, "channel")));
            if (channel.Length == 0)
            {
                continue;
            }

            var match = ReadMatch(rawMatch);
            if (match.Peer.State == PeerConstraintState.Invalid)
            {
                continue;
            }

            var session = ConfigJson.Object(binding, "session");
            var evaluated = new RouteBinding(
                ConfigJson.String(ConfigJson.Property(binding, "agentId")),
                match,
                order++,
                ConfigJson.Setting(ConfigJson.Property(session, "dmScope")),
                ConfigJson.Setting(ConfigJson.Property(session, "groupScope")));

            if (!byChannel.TryGetValue(channel, out var bucket))
            {
                byChannel[channel] = bucket = new ChannelBindings();
            }

            if (match.AccountPattern == "*")
            {
                bucket.ByAnyAccount.Add(evaluated);
                continue;
            }

            var account = AccountId.Normalize(match.AccountPattern);
            if (!bucket.ByAccount.TryGetValue(account, out var list))
            {
                bucket.ByAccount[account] = list = [];
            }

            list.Add(evaluated);
        }

        return byChannel;
    }

    /// <summary>This account's bindings and the any-account ones, merged back into config order.</summary>
    public IEnumerable<RouteBinding> ForAccount(string accountId)
    {
        var scoped = ByAccount.TryGetValue(accountId, out var list) ? list : [];
        return scoped.Concat(ByAnyAccount).OrderBy(b => b.Order);
    }

    private static BindingMatch ReadMatch(JsonNode? match)
    {
        var roles = ConfigJson.Property(match, "roles") is JsonArray { Count: > 0 } array
            ? array.Select(ConfigJson.String).ToList()
            : null;
        var guild = ConfigJson.BindingId(ConfigJson.Property(match, "guildId"));
        var team = ConfigJson.BindingId(ConfigJson.Property(match, "teamId"));
        return new BindingMatch(
            JsText.Trim(ConfigJson.String(ConfigJson.Property(match, "accountId")) ?? string.Empty),
            ReadPeer(ConfigJson.Property(match, "peer")),
            guild.Length > 0 ? guild : null,
            team.Length > 0 ? team : null,
            roles);
    }

    private static PeerConstraint ReadPeer(JsonNode? peer)
    {
        if (!ConfigJson.IsTruthy(peer))
        {
            return PeerConstraint.None;
        }

        var kind = ChatTypes.Normalize(ConfigJson.String(ConfigJson.Property(peer, "kind")));
        var id = ConfigJson.BindingId(ConfigJson.Property(peer, "id"));
        if (kind is null || id.Length == 0)
        {
            return PeerConstraint.Invalid;
        }

        return id == "*" ? new PeerConstraint(PeerConstraintState.WildcardKind, kind.Value) : new PeerConstraint(PeerConstraintState.Valid, kind.Value, id);
    }
}
