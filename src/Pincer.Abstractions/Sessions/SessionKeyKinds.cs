using System.Text.RegularExpressions;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Text;

namespace Pincer.Abstractions.Sessions;

/// <summary>
/// What a session key says about its session: cron, sub-agent, ACP, incognito, internal, thread,
/// delivery target and chat type. Reads keys only; never consults stores or channel plugins.
/// </summary>
public static partial class SessionKeyKinds
{
    private const string ThreadMarker = ":thread:";
    private const string InternalSessionEffectsRestPrefix = "internal-session-effects:";

    /// <summary><c>agent:&lt;id&gt;:cron:&lt;job&gt;…</c>.</summary>
    public static bool IsCron(string? sessionKey)
        => SessionKeys.ParseAgent(sessionKey) is { } parsed && JsText.TrimLower(parsed.Rest).StartsWith("cron:", StringComparison.Ordinal);

    /// <summary><c>agent:&lt;id&gt;:cron:&lt;job&gt;:run:&lt;runId&gt;</c>, possibly with further segments.</summary>
    public static bool IsCronRun(string? sessionKey)
        => SessionKeys.ParseAgent(sessionKey) is { } parsed && CronRunPrefix().IsMatch(parsed.Rest);

    /// <summary>Splits the terminal <c>:run:&lt;runId&gt;</c> off an exact isolated-cron key; any other key is returned whole.</summary>
    public static CronRunScope ParseCronRunScope(string? sessionKey)
    {
        var raw = JsText.TrimToNull(sessionKey);
        if (raw is null)
        {
            return new(null, null);
        }

        var parsed = SessionKeys.ParseAgent(raw);
        if (parsed is null || !CronRunExact().IsMatch(parsed.Rest))
        {
            return new(raw, null);
        }

        var markerIndex = JsText.Lower(raw).LastIndexOf(":run:", StringComparison.Ordinal);
        return new(JsText.Slice(raw, 0, markerIndex), JsText.Slice(raw, markerIndex + 5));
    }

    /// <summary>A sub-agent key, bare (<c>subagent:…</c>) or agent-scoped.</summary>
    public static bool IsSubagent(string? sessionKey) => HasKindHead(sessionKey, "subagent:");

    /// <summary>Nesting depth: how many <c>subagent:</c> segments the key carries (0 for none).</summary>
    public static int SubagentDepth(string? sessionKey)
    {
        var raw = JsText.TrimLower(sessionKey);
        if (raw.Length == 0)
        {
            return 0;
        }

        var scoped = JsText.Lower(SessionKeys.ParseAgent(raw)?.Rest ?? raw);
        return SubagentSegment().Count(scoped);
    }

    /// <summary>An ACP harness key, bare (<c>acp:…</c>) or agent-scoped.</summary>
    public static bool IsAcp(string? sessionKey) => HasKindHead(sessionKey, "acp:");

    /// <summary>Process-only sessions: <c>agent:&lt;id&gt;:{dashboard|subagent|internal-session-effects}:incognito-…</c>.</summary>
    public static bool IsIncognito(string? sessionKey)
    {
        var raw = sessionKey is null ? null : JsText.Lower(JsText.Trim(sessionKey));
        return !string.IsNullOrEmpty(raw) && Incognito().IsMatch(raw);
    }

    /// <summary>Hidden entries that only contain a run's suppressed effects (an exact, case-sensitive prefix test).</summary>
    public static bool IsInternalSessionEffects(string sessionKey)
    {
        if (!sessionKey.StartsWith("agent:", StringComparison.Ordinal))
        {
            return false;
        }

        var agentEnd = sessionKey.IndexOf(':', 6);
        return agentEnd >= 0 && string.CompareOrdinal(sessionKey, agentEnd + 1, InternalSessionEffectsRestPrefix, 0, InternalSessionEffectsRestPrefix.Length) == 0;
    }

    /// <summary>Splits at the last <c>:thread:</c> marker (any case); the thread id is trimmed and null when blank.</summary>
    public static ThreadSuffix ParseThreadSuffix(string? sessionKey)
    {
        var raw = JsText.TrimToNull(sessionKey);
        if (raw is null)
        {
            return new(null, null);
        }

        var markerIndex = JsText.TrimLower(raw).LastIndexOf(ThreadMarker, StringComparison.Ordinal);
        return markerIndex == -1
            ? new(raw, null)
            : new(JsText.Slice(raw, 0, markerIndex), JsText.TrimToNull(JsText.Slice(raw, markerIndex + ThreadMarker.Length)));
    }

    /// <summary>The delivery target encoded in a channel-shaped key; null for main, cron, nested and other shapes.</summary>
    public static SessionDeliveryRoute? ParseDeliveryRoute(string? sessionKey)
    {
        var thread = ParseThreadSuffix(sessionKey);
        var parsed = SessionKeys.ParseAgent(thread.BaseSessionKey ?? sessionKey);
        if (parsed is null)
        {
            return null;
        }

        var parts = parsed.Rest.Split(':');
        if (parts[0] == "agent" || parts.Length < 3)
        {
            return null;
        }

        var channel = JsText.TrimToNull(parts[0]) is { } c ? JsText.Lower(c) : null;
        if (channel is null)
        {
            return null;
        }

        if (parts.Length >= 4 && parts[2] is "direct" or "dm")
        {
            var accountId = JsText.TrimToNull(parts[1]);
            var directPeer = JsText.TrimToNull(string.Join(':', parts[3..]));
            return accountId is null || JsText.TrimToNull(parts[3]) is null || directPeer is null
                ? null
                : new SessionDeliveryRoute(channel, accountId, parts[2], directPeer, thread.ThreadId);
        }

        var peerKind = parts[1];
        var peerId = JsText.TrimToNull(string.Join(':', parts[2..]));
        return peerKind is not ("channel" or "direct" or "dm" or "group") || JsText.TrimToNull(parts[2]) is null || peerId is null
            ? null
            : new SessionDeliveryRoute(channel, null, peerKind, peerId, thread.ThreadId);
    }

    /// <summary>The group/channel conversation a key names, read generically (no channel-specific topic parsing).</summary>
    public static SessionConversationRef? ParseRawConversationRef(string? sessionKey)
    {
        var raw = JsText.TrimToNull(sessionKey);
        if (raw is null)
        {
            return null;
        }

        var rawParts = raw.Split(':');
        var hasAgentWrapper = JsText.TrimLower(rawParts[0]) == "agent";
        if (hasAgentWrapper && (rawParts.Length < 3 || JsText.TrimToNull(rawParts[1]) is null))
        {
            return null;
        }

        var bodyStart = hasAgentWrapper ? 2 : 0;
        var parts = rawParts[bodyStart..];
        if (JsText.TrimLower(parts[0]) == "agent" || parts.Length < 3 || JsText.TrimToNull(parts[2]) is null)
        {
            return null;
        }

        var channel = JsText.TrimLower(parts[0]);
        var kind = JsText.TrimLower(parts[1]);
        if (channel.Length == 0 || kind is not ("group" or "channel"))
        {
            return null;
        }

        var rawId = JsText.TrimToNull(string.Join(':', parts[2..]));
        var prefix = JsText.TrimToNull(string.Join(':', rawParts[..(bodyStart + 2)]));
        return rawId is null || prefix is null ? null : new SessionConversationRef(channel, kind, rawId, prefix);
    }

    /// <summary>Best-effort chat type of a key across canonical and built-in legacy shapes; null means unknown.</summary>
    public static ChatType? DeriveChatType(string? sessionKey)
    {
        var raw = JsText.TrimLower(sessionKey);
        if (raw.Length == 0)
        {
            return null;
        }

        var scoped = SessionKeys.ParseAgent(raw)?.Rest ?? raw;
        return CanonicalChatType(scoped) ?? LegacyChatType(scoped);
    }

    private static bool HasKindHead(string? sessionKey, string head)
    {
        var raw = JsText.TrimToNull(sessionKey);
        if (raw is null)
        {
            return false;
        }

        if (JsText.Lower(raw).StartsWith(head, StringComparison.Ordinal))
        {
            return true;
        }

        return SessionKeys.ParseAgent(raw) is { } parsed && JsText.TrimLower(parsed.Rest).StartsWith(head, StringComparison.Ordinal);
    }

    private static bool IsPeerKind(string? part) => part is "direct" or "dm" or "group" or "channel";

    private static ChatType? CanonicalChatType(string scoped)
    {
        var parts = scoped.Split(':');
        string? At(int i) => i < parts.Length ? parts[i] : null;
        bool Has(int i) => !string.IsNullOrEmpty(At(i));
        if (parts[0] == "agent")
        {
            return null;
        }

        var shapes = 0;
        if (At(0) is "direct" or "dm" && Has(1))
        {
            shapes++;
        }

        if (Has(0) && IsPeerKind(At(1)) && Has(2))
        {
            shapes++;
        }

        if (Has(0) && Has(1) && IsPeerKind(At(2)) && Has(3))
        {
            shapes++;
        }

        if (LegacyChatType(scoped) is not null)
        {
            shapes++;
        }

        if (shapes > 1)
        {
            return null;
        }

        string? peerKind = null;
        var peerIdStart = 0;
        if (At(0) is "direct" or "dm")
        {
            peerKind = At(0);
            peerIdStart = 1;
        }
        else if (Has(0) && IsPeerKind(At(1)))
        {
            peerKind = At(1);
            peerIdStart = 2;
        }
        else if (Has(0) && Has(1) && IsPeerKind(At(2)))
        {
            peerKind = At(2);
            peerIdStart = 3;
        }

        if (peerKind is null || !Has(peerIdStart))
        {
            return null;
        }

        return peerKind switch
        {
            "direct" or "dm" => ChatType.Direct,
            "group" => ChatType.Group,
            _ => ChatType.Channel,
        };
    }

    private static ChatType? LegacyChatType(string scoped)
    {
        if (LegacyGroup().IsMatch(scoped) || WhatsAppGroup().IsMatch(scoped))
        {
            return ChatType.Group;
        }

        return LegacyChannel().IsMatch(scoped) || DiscordGuildChannel().IsMatch(scoped) ? ChatType.Channel : null;
    }

    // JavaScript's `$` (no m flag) is end of input and `.` excludes all four line terminators; spell both out.
    [GeneratedRegex(@"^cron:[^:]+:run:[^:]+(?::|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex CronRunPrefix();

    [GeneratedRegex(@"^cron:[^:]+:run:[^:]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex CronRunExact();

    [GeneratedRegex("(^|:)subagent:", RegexOptions.CultureInvariant)]
    private static partial Regex SubagentSegment();

    [GeneratedRegex(@"^agent:[^:]+:(?:dashboard|subagent|internal-session-effects):incognito-[^:]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Incognito();

    [GeneratedRegex(@"^group:[^:]+(?::[^\n\r\u2028\u2029]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyGroup();

    [GeneratedRegex(@"^channel:[^:]+(?::[^\n\r\u2028\u2029]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyChannel();

    [GeneratedRegex(@"^(?:whatsapp:)?[^:]+@g\.us\z", RegexOptions.CultureInvariant)]
    private static partial Regex WhatsAppGroup();

    [GeneratedRegex(@"^discord:(?:[^:]+:)?guild-[^:]+:channel-[^:]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordGuildChannel();
}
