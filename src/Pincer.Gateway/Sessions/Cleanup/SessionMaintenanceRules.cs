using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// Which session rows maintenance may touch. Synthetic runtime rows (model-run probes, sub-agents,
/// ACP, cron, hooks, nodes, heartbeats) are disposable and removed; every other row is archived in
/// place. Primary, thread, external-conversation and group rows, pinned, locked, running, recent
/// and explicitly preserved rows are never changed, nor rows already archived.
/// </summary>
internal static partial class SessionMaintenanceRules
{
    public static long ActivityAt(SessionEntry entry) =>
        Math.Max(Math.Max(entry.LastInteractionAt ?? 0, entry.LastActivityAt ?? 0), Math.Max(entry.SessionStartedAt ?? 0, entry.UpdatedAt ?? 0));

    public static bool IsModelRunProbe(string key)
    {
        var match = ModelRunKey().Match(key);
        if (!match.Success || SessionKeys.ParseAgent(key) is not { } parsed || !string.Equals(parsed.AgentId, JsText.Lower(match.Groups[1].Value), StringComparison.Ordinal))
        {
            return false;
        }

        return ModelRunRest().IsMatch(JsText.Lower(parsed.Rest));
    }

    public static bool IsSynthetic(string key)
    {
        var rest = JsText.Lower(SessionKeys.ParseAgent(key)?.Rest ?? key);
        return IsModelRunProbe(key) || SessionKeyKinds.IsSubagent(key) || SessionKeyKinds.IsAcp(key) || SessionKeyKinds.IsCron(key)
            || rest.StartsWith("acp-bridge:", StringComparison.Ordinal) || rest.StartsWith("hook:", StringComparison.Ordinal)
            || rest.StartsWith("node:", StringComparison.Ordinal) || rest == "heartbeat"
            || rest.EndsWith(":heartbeat", StringComparison.Ordinal) || rest.Contains(":heartbeat:", StringComparison.Ordinal);
    }

    /// <summary>Archived rows, and live rows maintenance must leave alone.</summary>
    public static bool ShouldPreserve(string key, SessionEntry entry, IReadOnlySet<string> preserveKeys, long? preserveRecentMs, long nowMs) =>
        entry.ArchivedAt is not null || ShouldPreserveLive(key, entry, preserveKeys, preserveRecentMs, nowMs);

    private static bool ShouldPreserveLive(string key, SessionEntry entry, IReadOnlySet<string> preserveKeys, long? preserveRecentMs, long nowMs)
    {
        if (entry.Json["pinnedAt"] is not null && IsPinnable(key, entry))
        {
            return true;
        }

        return entry.Json["modelSelectionLocked"] is JsonValue l && l.TryGetValue<bool>(out var locked) && locked
            || Str(entry.Json["status"]) == "running"
            || preserveKeys.Contains(key)
            || IsRecent(key, entry, preserveRecentMs, nowMs)
            || IsProtected(key, entry);
    }

    private static bool IsPinnable(string key, SessionEntry entry)
    {
        if (SessionKeyKinds.IsSubagent(key) || JsText.TrimToNull(entry.SpawnedBy) is not null)
        {
            return false;
        }

        var parent = JsText.TrimToNull(entry.ParentSessionKey);
        return parent is null || (SessionKeys.ParseAgent(key) is { } parsed && parent == SessionKeys.BuildAgentMain(parsed.AgentId));
    }

    private static bool IsRecent(string key, SessionEntry entry, long? preserveRecentMs, long nowMs)
    {
        if (preserveRecentMs is not { } window || IsSynthetic(key))
        {
            return false;
        }

        var at = ActivityAt(entry);
        return at > 0 && nowMs - at <= window;
    }

    private static bool IsProtected(string key, SessionEntry entry)
    {
        if (IsSynthetic(key))
        {
            return false;
        }

        var rest = SessionKeys.ParseAgent(key)?.Rest;
        if (JsText.Lower(key) == SessionKeys.GlobalKey || rest == "main" || SessionKeyKinds.ParseThreadSuffix(key).ThreadId is not null)
        {
            return true;
        }

        var lowered = JsText.Lower(rest ?? key);
        if (Str(entry.Delivery?["kind"]) == "external" || SessionKeyKinds.ParseDeliveryRoute(key) is not null
            || lowered.StartsWith("direct:", StringComparison.Ordinal) && lowered.Length > 7
            || GroupOrChannel().IsMatch(lowered) || TelegramTopic().IsMatch(lowered))
        {
            return true;
        }

        var chatType = JsText.Lower(JsText.TrimToNull(entry.ChatType) ?? Str(entry.Origin?["chatType"]) ?? string.Empty);
        return chatType is "group" or "channel" or "thread";
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^agent:([^:\s]+):explicit:model-run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ModelRunKey();

    [GeneratedRegex(@"^explicit:model-run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex ModelRunRest();

    [GeneratedRegex(@"^[^:]+:(?:group|channel):.+$")]
    private static partial Regex GroupOrChannel();

    [GeneratedRegex(@"^telegram:(?:direct|dm):.+:topic:[^:]+$")]
    private static partial Regex TelegramTopic();
}
