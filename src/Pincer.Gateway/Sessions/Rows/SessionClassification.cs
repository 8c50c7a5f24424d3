using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// The portable facts a row states about what kind of session it is (<c>classification</c>, owning agent,
/// account, peer kind, main/background), derived from the key and a few entry fields only, so nothing
/// private (peer ids, transcript text, paths) leaks through them.
/// </summary>
internal static partial class SessionClassification
{
    private static readonly HashSet<string> Background = new(StringComparer.Ordinal)
    {
        "acp", "cron", "dreaming", "harness", "heartbeat", "hook", "subagent", "system",
    };

    /// <summary>Appends <c>classification, agentId?, accountId?, peerKind?, isMain, isBackground</c> to <paramref name="row"/>.</summary>
    public static void AppendTo(JsonObject row, JsonNode? config, string key, string? agentId, SessionEntry? entry)
    {
        var canonical = SessionKeys.Normalize(key);
        var scope = config?["session"]?["scope"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        var mainKey = config?["session"]?["mainKey"] is JsonValue mv && mv.TryGetValue<string>(out var m) ? m : null;
        var isMain = canonical == SessionKeys.GlobalKey
            ? scope == "global"
            : canonical == SessionKeys.BuildAgentMain(agentId, mainKey);
        var parsedAgent = SessionKeys.ParseAgentParts(canonical);
        var resolvedAgentId = parsedAgent?.AgentId ?? JsText.TrimToNull(agentId);
        var rest = parsedAgent?.Rest ?? canonical;
        var thread = SessionKeyKinds.ParseThreadSuffix(canonical);
        var route = SessionKeyKinds.ParseDeliveryRoute(canonical);
        var legacyDirect = LegacyDirectPeer().IsMatch(SessionKeys.ParseAgentParts(thread.BaseSessionKey ?? string.Empty)?.Rest ?? string.Empty);
        var chatType = entry?.ChatType;
        var directPeer = route?.PeerKind is "direct" or "dm" || legacyDirect || chatType == "direct";

        string classification;
        if (canonical == SessionKeys.GlobalKey)
        {
            classification = "global";
        }
        else if (canonical == SessionKeys.UnknownKey)
        {
            classification = "unknown";
        }
        else if (entry is not null && IsTruthy(entry.Json["heartbeatIsolatedBaseSessionKey"]))
        {
            classification = "heartbeat";
        }
        else if (isMain)
        {
            classification = "main";
        }
        else if (SessionKeyKinds.IsSubagent(canonical))
        {
            classification = "subagent";
        }
        else if (SessionKeyKinds.IsAcp(canonical))
        {
            classification = "acp";
        }
        else if (SessionKeyKinds.IsCron(canonical))
        {
            classification = "cron";
        }
        else if (thread.ThreadId is not null)
        {
            classification = "thread";
        }
        else if (route?.PeerKind is "group" or "channel")
        {
            classification = route.PeerKind;
        }
        else if (directPeer)
        {
            classification = "direct";
        }
        else if (chatType is "group" or "channel")
        {
            classification = chatType;
        }
        else
        {
            classification = ClassifyRest(rest);
        }

        var peerKind = route?.PeerKind == "dm" || legacyDirect ? "direct" : route?.PeerKind;
        row["classification"] = classification;
        if (resolvedAgentId is not null)
        {
            row["agentId"] = resolvedAgentId;
        }

        if (route?.AccountId is { Length: > 0 } account)
        {
            row["accountId"] = account;
        }

        if (peerKind is not null)
        {
            row["peerKind"] = peerKind;
        }

        row["isMain"] = isMain;
        row["isBackground"] = Background.Contains(classification);
    }

    private static string ClassifyRest(string rest)
    {
        var n = JsText.TrimLower(rest);
        return n switch
        {
            _ when n.StartsWith("dashboard:", StringComparison.Ordinal) => "dashboard",
            _ when n.StartsWith("tui-", StringComparison.Ordinal) => "tui",
            _ when n.StartsWith("explicit:", StringComparison.Ordinal) => "explicit",
            _ when n.StartsWith("hook:", StringComparison.Ordinal) => "hook",
            _ when n.StartsWith("node-", StringComparison.Ordinal) || n.StartsWith("node:", StringComparison.Ordinal) => "node",
            _ when n.StartsWith("harness:", StringComparison.Ordinal) => "harness",
            _ when n.StartsWith("voice:", StringComparison.Ordinal) => "voice",
            _ when n.StartsWith("dreaming-narrative-", StringComparison.Ordinal) => "dreaming",
            "boot" => "system",
            _ when n.StartsWith("boot:", StringComparison.Ordinal) || n.StartsWith("internal-session-effects:", StringComparison.Ordinal) => "system",
            _ => "custom",
        };
    }

    /// <summary>JavaScript truthiness of a stored value (absent, null, false, 0, "" are falsy).</summary>
    internal static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
        _ => true,
    };

    [GeneratedRegex("^(?:direct|dm):.+$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LegacyDirectPeer();
}
