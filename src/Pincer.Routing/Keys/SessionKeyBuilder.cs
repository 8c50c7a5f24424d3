using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;

namespace Pincer.Routing.Keys;

/// <summary>
/// Builds the session key of a routed conversation: DMs by <c>session.dmScope</c> (with identity links),
/// groups and channels by <c>session.groupScope</c>, thread suffixes, and the group history key.
/// </summary>
public static class SessionKeyBuilder
{
    public const string DmScopeMain = "main";
    public const string DmScopePerPeer = "per-peer";
    public const string DmScopePerChannelPeer = "per-channel-peer";
    public const string DmScopePerAccountChannelPeer = "per-account-channel-peer";
    public const string GroupScopePerGroup = "per-group";
    public const string GroupScopeMain = "main";

    /// <summary>
    /// The reference's <c>buildAgentPeerSessionKey</c>. <paramref name="peerKind"/> is the normalised label
    /// (<c>direct</c> when null); any other non-direct label is kept verbatim in the key.
    /// </summary>
    public static string BuildPeerKey(
        string? agentId,
        string? channel,
        string? peerKind,
        string? peerId,
        string? accountId = null,
        string? mainKey = null,
        string? dmScope = null,
        string? groupScope = null,
        IdentityLinks? identityLinks = null)
    {
        var kind = peerKind ?? ChatTypes.Direct;
        if (kind == ChatTypes.Direct)
        {
            var scope = dmScope ?? DmScopeMain;
            var peer = JsText.Trim(peerId ?? string.Empty);
            if (scope != DmScopeMain && identityLinks?.ResolveCanonicalPeer(channel, peer) is { } linked)
            {
                peer = linked;
            }

            peer = JsText.TrimLower(peer);
            if (peer.Length > 0)
            {
                var agent = AgentId.NormalizeValue(agentId);
                switch (scope)
                {
                    case DmScopePerAccountChannelPeer:
                        return $"agent:{agent}:{ChannelOrUnknown(channel)}:{AccountId.Normalize(accountId)}:direct:{peer}";
                    case DmScopePerChannelPeer:
                        return $"agent:{agent}:{ChannelOrUnknown(channel)}:direct:{peer}";
                    case DmScopePerPeer:
                        return $"agent:{agent}:direct:{peer}";
                }
            }

            return SessionKeys.BuildAgentMain(agentId, mainKey);
        }

        if (groupScope == GroupScopeMain)
        {
            return SessionKeys.BuildAgentMain(agentId, mainKey);
        }

        var groupPeer = SessionKeys.NormalizePeerId(channel, kind, peerId);
        return $"agent:{AgentId.NormalizeValue(agentId)}:{ChannelOrUnknown(channel)}:{kind}:{(groupPeer.Length > 0 ? groupPeer : "unknown")}";
    }

    /// <summary>
    /// The reference's <c>buildAgentSessionKey</c> (what routing calls): a missing peer is a DM with no id,
    /// a blank peer id becomes <c>unknown</c>. <paramref name="peer"/>'s kind must already be normalised.
    /// </summary>
    public static string BuildRouteKey(
        string? agentId,
        string? channel,
        PeerRef? peer,
        string? accountId = null,
        string? mainKey = null,
        string? dmScope = null,
        string? groupScope = null,
        IdentityLinks? identityLinks = null)
    {
        string? peerId = null;
        if (peer is not null)
        {
            peerId = JsText.Trim(peer.Id);
            if (peerId.Length == 0)
            {
                peerId = "unknown";
            }
        }

        return BuildPeerKey(agentId, ChannelOrUnknown(channel), peer?.Kind ?? ChatTypes.Direct, peerId, accountId, mainKey ?? SessionKeys.DefaultMainKey, dmScope, groupScope, identityLinks);
    }

    /// <summary><c>&lt;channel&gt;:&lt;accountId&gt;:&lt;peerKind&gt;:&lt;peerId&gt;</c>, the key of a group's pending history.</summary>
    public static string BuildGroupHistoryKey(string? channel, string? accountId, string peerKind, string? peerId)
    {
        var normalizedChannel = ChannelOrUnknown(channel);
        var peer = SessionKeys.NormalizePeerId(normalizedChannel, peerKind, peerId);
        return $"{normalizedChannel}:{AccountId.Normalize(accountId)}:{peerKind}:{(peer.Length > 0 ? peer : "unknown")}";
    }

    /// <summary>
    /// A thread's session key: <c>&lt;base&gt;:thread:&lt;threadId&gt;</c> (thread id lower-cased unless a
    /// channel-specific <paramref name="normalizeThreadId"/> says otherwise), or the base key when there is no thread.
    /// </summary>
    public static ThreadSessionKeys ResolveThreadKeys(
        string baseSessionKey,
        string? threadId,
        string? parentSessionKey = null,
        bool useSuffix = true,
        Func<string, string?>? normalizeThreadId = null)
    {
        var thread = JsText.Trim(threadId ?? string.Empty);
        if (thread.Length == 0)
        {
            return new ThreadSessionKeys(baseSessionKey, null);
        }

        var normalized = normalizeThreadId?.Invoke(thread) ?? JsText.TrimLower(thread);
        return new ThreadSessionKeys(useSuffix ? $"{baseSessionKey}:thread:{normalized}" : baseSessionKey, parentSessionKey);
    }

    private static string ChannelOrUnknown(string? channel)
    {
        var normalized = JsText.TrimLower(channel);
        return normalized.Length > 0 ? normalized : SessionKeys.UnknownKey;
    }
}
