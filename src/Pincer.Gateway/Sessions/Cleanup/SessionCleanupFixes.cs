using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Sessions;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// The opt-in repairs of <c>sessions.cleanup</c>: <c>fixMissing</c> drops rows whose transcript holds
/// no message (and non-agent rows without a session id); <c>fixDmScope</c> retires per-peer direct
/// rows left behind when <c>session.dmScope</c> is back at <c>main</c>.
/// </summary>
internal static class SessionCleanupFixes
{
    private static readonly HashSet<string> MessageRoles = ["user", "assistant", "tool", "toolResult", "system"];

    public static async Task<List<string>> MissingTranscriptKeysAsync(IEnumerable<(string Key, SessionEntry Entry)> store, ITranscriptStore transcripts, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        foreach (var (key, entry) in store)
        {
            var agentKey = SessionKeys.ParseAgent(key) is not null;
            var locked = entry.Json["modelSelectionLocked"] is JsonValue l && l.TryGetValue<bool>(out var b) && b;
            if ((locked || entry.ArchivedAt is not null) && SessionMaintenanceRules.ShouldPreserve(key, entry, new HashSet<string>(), null, 0))
            {
                continue;
            }

            var pending = entry.Json["initializationPending"] is JsonValue p && p.TryGetValue<bool>(out var pb) && pb;
            var sessionFile = entry.Json["sessionFile"] is JsonValue f && f.TryGetValue<string>(out var fs) ? fs.Trim() : string.Empty;
            if (agentKey && (pending || (entry.SessionId == key && sessionFile.Length == 0)))
            {
                continue;
            }

            if (string.IsNullOrEmpty(entry.SessionId))
            {
                if (!agentKey)
                {
                    keys.Add(key);
                }

                continue;
            }

            var events = await transcripts.ReadAllAsync(entry.SessionId, cancellationToken).ConfigureAwait(false);
            if (!events.Any(e => IsMessage(e.Entry.Json)))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    public static List<string> StaleDirectKeys(IEnumerable<(string Key, SessionEntry Entry)> store, JsonObject config, string agentId, string? activeKey)
    {
        var dmScope = config["session"]?["dmScope"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "main";
        if (dmScope != "main")
        {
            return [];
        }

        return [.. store.Where(s => s.Entry.ArchivedAt is null && IsStaleDirect(s.Key, agentId, activeKey)).Select(s => s.Key)];
    }

    private static bool IsStaleDirect(string key, string agentId, string? activeKey)
    {
        if (activeKey is not null && key == activeKey)
        {
            return false;
        }

        if (SessionKeys.ParseAgent(key) is not { } parsed || AgentId.NormalizeValue(parsed.AgentId) != AgentId.NormalizeValue(agentId))
        {
            return false;
        }

        var parts = parsed.Rest.Split(':');
        if (parts[0] == "agent")
        {
            return false;
        }

        return parts.Length switch
        {
            2 => parts[0] == "direct" && parts[1].Length > 0,
            3 => parts[0].Length > 0 && parts[1] == "direct" && parts[2].Length > 0,
            4 => parts[0].Length > 0 && parts[1].Length > 0 && parts[2] == "direct" && parts[3].Length > 0,
            _ => false,
        };
    }

    private static bool IsMessage(JsonObject record)
    {
        var type = Str(record["type"]);
        if (type == "message")
        {
            return true;
        }

        return type is null && (record["message"] is JsonObject message && MessageRoles.Contains(Str(message["role"]) ?? string.Empty)
            || MessageRoles.Contains(Str(record["role"]) ?? string.Empty));
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
