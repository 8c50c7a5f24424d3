using System.Text.Json.Nodes;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Groups;

/// <summary>
/// Group admission and mention requirement from <c>channels.&lt;channel&gt;</c>: <c>groupPolicy</c>
/// (<c>disabled</c> / <c>allowlist</c> / <c>open</c>), <c>groups.&lt;id&gt;</c> and the <c>groups."*"</c> defaults,
/// with a named account's settings laid over the channel's.
/// </summary>
public static class GroupPolicy
{
    /// <summary>
    /// The effective <c>groups</c> map for a channel account. An account's empty <c>groups</c> inherits the
    /// channel's when the channel has at most one account.
    /// </summary>
    public static JsonObject? ResolveGroups(JsonNode? config, string channel, string? accountId)
    {
        if (ChannelConfig(config, channel) is not { } channelConfig)
        {
            return null;
        }

        var accounts = ConfigJson.Property(channelConfig, "accounts");
        var account = AccountEntry(accounts, AccountId.Normalize(accountId)) as JsonObject;
        if (account is not null && account.TryGetPropertyValue("groups", out var accountGroups))
        {
            var inheritEmpty = accounts is not JsonObject all || all.Count <= 1;
            return inheritEmpty && accountGroups is JsonObject { Count: 0 } ? ConfigJson.Property(channelConfig, "groups") as JsonObject : accountGroups as JsonObject;
        }

        return ConfigJson.Property(channelConfig, "groups") as JsonObject;
    }

    /// <summary><c>groupPolicy</c> of the account, else of the channel; null when neither sets it.</summary>
    public static string? ResolveMode(JsonNode? config, string channel, string? accountId)
    {
        if (ChannelConfig(config, channel) is not { } channelConfig)
        {
            return null;
        }

        var account = AccountEntry(ConfigJson.Property(channelConfig, "accounts"), AccountId.Normalize(accountId));
        return ConfigJson.Setting(ConfigJson.Property(account, "groupPolicy")) ?? ConfigJson.Setting(ConfigJson.Property(channelConfig, "groupPolicy"));
    }

    /// <param name="hasGroupAllowFrom">
    /// The channel restricts group senders (<c>groupAllowFrom</c>); with <c>allowlist</c> and no <c>groups</c>,
    /// admission is then left to the sender filter.
    /// </param>
    public static GroupPolicyDecision Resolve(
        JsonNode? config,
        string channel,
        string? groupId,
        string? accountId = null,
        bool groupIdCaseInsensitive = false,
        bool hasGroupAllowFrom = false)
    {
        var groups = ResolveGroups(config, channel, accountId);
        var mode = ResolveMode(config, channel, accountId);
        var hasGroups = groups is { Count: > 0 };
        var allowlistEnabled = mode == RuntimeGroupPolicy.Allowlist || hasGroups;
        var id = groupId is null ? null : JsText.Trim(groupId);
        var groupConfig = string.IsNullOrEmpty(id) ? null : GroupEntry(groups, id, groupIdCaseInsensitive);
        var defaultConfig = ConfigJson.Property(groups, "*");
        var allowAll = allowlistEnabled && groups is not null && groups.ContainsKey("*");
        var senderFilterBypass = mode == RuntimeGroupPolicy.Allowlist && !hasGroups && hasGroupAllowFrom;
        var allowed = mode != RuntimeGroupPolicy.Disabled
            && (!allowlistEnabled || allowAll || ConfigJson.IsTruthy(groupConfig) || senderFilterBypass);
        return new GroupPolicyDecision(allowlistEnabled, allowed, groupConfig, defaultConfig);
    }

    /// <summary>
    /// Whether the group needs a mention: the group's own <c>requireMention</c>, else <c>groups."*"</c>, else
    /// the runtime override, else true (false for a configured group when the channel says configured groups
    /// default to no mention).
    /// </summary>
    public static bool ResolveRequireMention(
        JsonNode? config,
        string channel,
        string? groupId,
        string? accountId = null,
        bool? requireMentionOverride = null,
        RequireMentionOverrideOrder overrideOrder = RequireMentionOverrideOrder.AfterConfig,
        bool configuredGroupDefaultsToNoMention = false,
        bool groupIdCaseInsensitive = false)
    {
        var decision = Resolve(config, channel, groupId, accountId, groupIdCaseInsensitive);
        var selected = ConfigJson.IsTruthy(decision.GroupConfig);
        var configured = (selected ? RequireMentionOf(decision.GroupConfig) : null)
            ?? (ConfigJson.IsTruthy(decision.DefaultConfig) ? RequireMentionOf(decision.DefaultConfig) : null);

        if (overrideOrder == RequireMentionOverrideOrder.BeforeConfig && requireMentionOverride is { } first)
        {
            return first;
        }

        if (configured is { } value)
        {
            return value;
        }

        if (requireMentionOverride is { } after)
        {
            return after;
        }

        return !(configuredGroupDefaultsToNoMention && selected);
    }

    /// <summary><c>channels.defaults.groupPolicy</c>.</summary>
    public static string? ResolveDefaultGroupPolicy(JsonNode? config)
        => ConfigJson.Setting(ConfigJson.Property(ConfigJson.Object(ConfigJson.Object(config, "channels"), "defaults"), "groupPolicy"));

    private static JsonObject? ChannelConfig(JsonNode? config, string channel)
        => ConfigJson.Property(ConfigJson.Object(config, "channels"), channel) is { } node && ConfigJson.IsTruthy(node) ? node as JsonObject : null;

    private static bool? RequireMentionOf(JsonNode? node)
        => ConfigJson.Property(node, "requireMention") is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? v.GetValueKind() == System.Text.Json.JsonValueKind.True
            : null;

    private static JsonNode? GroupEntry(JsonObject? groups, string groupId, bool caseInsensitive)
    {
        if (groups is null)
        {
            return null;
        }

        if (groups.TryGetPropertyValue(groupId, out var direct) && ConfigJson.IsTruthy(direct))
        {
            return direct;
        }

        if (!caseInsensitive)
        {
            return null;
        }

        var target = JsText.TrimLower(groupId);
        foreach (var (key, value) in ConfigJson.OrderedProperties(groups))
        {
            if (key != "*" && JsText.TrimLower(key) == target)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>An account entry by exact key, else by a key equal after trimming and lower-casing.</summary>
    private static JsonNode? AccountEntry(JsonNode? accounts, string accountId)
    {
        if (accounts is not JsonObject map)
        {
            return null;
        }

        if (map.TryGetPropertyValue(accountId, out var exact))
        {
            return exact;
        }

        var target = JsText.TrimLower(accountId);
        foreach (var (key, value) in ConfigJson.OrderedProperties(map))
        {
            if (JsText.TrimLower(key) == target)
            {
                return value;
            }
        }

        return null;
    }
}
