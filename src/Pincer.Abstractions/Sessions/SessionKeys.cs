using System.Text;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;

namespace Pincer.Abstractions.Sessions;

/// <summary>
/// The session-key grammar: <c>agent:&lt;agentId&gt;:&lt;rest&gt;</c> keys, their case folding, and the scoping
/// of bare request keys. Keys are lower-cased except opaque peer ids the reference keeps verbatim
/// (Signal group ids, Matrix room ids and their thread ids).
/// </summary>
public static partial class SessionKeys
{
    public const string DefaultMainKey = "main";
    public const string GlobalKey = "global";
    public const string UnknownKey = "unknown";
    private const string AgentPrefix = "agent:";

    /// <summary><c>session.mainKey</c> as used in keys: trimmed, lower-cased, <c>main</c> when blank.</summary>
    public static string NormalizeMainKey(string? mainKey)
    {
        var normalized = JsText.TrimLower(mainKey);
        return normalized.Length == 0 ? DefaultMainKey : normalized;
    }

    /// <summary><c>agent:&lt;agentId&gt;:&lt;mainKey&gt;</c>, both parts normalised.</summary>
    public static string BuildAgentMain(string? agentId, string? mainKey = null)
        => $"{AgentPrefix}{AgentId.NormalizeValue(agentId)}:{NormalizeMainKey(mainKey)}";

    /// <summary>The agent's main key, or <c>global</c> when <c>session.scope</c> is <c>global</c>.</summary>
    public static string ResolveCanonicalMain(string? agentId, string? mainKey, string? sessionScope)
        => sessionScope == "global" ? GlobalKey : BuildAgentMain(agentId, mainKey);

    /// <summary>Splits the ownership head without folding case or touching the tail.</summary>
    public static AgentSessionKeyParts? ParseAgentParts(string sessionKey)
    {
        if (!sessionKey.StartsWith(AgentPrefix, StringComparison.Ordinal)
            && !JsText.Lower(JsText.Slice(sessionKey, 0, 6)).Equals(AgentPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var agentIdEnd = sessionKey.IndexOf(':', 6);
        if (agentIdEnd == -1)
        {
            return null;
        }

        var agentId = JsText.Trim(sessionKey[6..agentIdEnd]);
        var rest = sessionKey[(agentIdEnd + 1)..];
        return agentId.Length > 0 && rest.Length > 0 && rest[0] != ':' ? new AgentSessionKeyParts(agentId, rest) : null;
    }

    /// <summary>Parses a key after canonical folding; the usual way to read a stored or requested key.</summary>
    public static AgentSessionKeyParts? ParseAgent(string? sessionKey) => ParseAgentParts(Normalize(sessionKey));

    /// <summary>Trims and lower-cases a key, keeping the opaque Signal group and Matrix room spans as written.</summary>
    public static string Normalize(string? sessionKey)
    {
        var raw = JsText.TrimToNull(sessionKey);
        if (raw is null)
        {
            return string.Empty;
        }

        var folded = JsText.Lower(raw);
        if (!folded.Contains("signal:", StringComparison.Ordinal) && !folded.Contains("matrix:", StringComparison.Ordinal))
        {
            return folded;
        }

        var spans = CollectCasePreservedSpans(raw).Where(s => s.End > s.Start).OrderBy(s => s.Start).ToList();
        var normalized = new StringBuilder(raw.Length);
        var cursor = 0;
        foreach (var span in spans)
        {
            if (span.Start < cursor)
            {
                continue;
            }

            normalized.Append(JsText.TrimLower(raw[cursor..span.Start]));
            var preserved = raw[span.Start..span.End];
            normalized.Append(span.Trim ? JsText.Trim(preserved) : preserved);
            cursor = span.End;
        }

        normalized.Append(JsText.TrimLower(raw[cursor..]));
        return normalized.ToString();
    }

    /// <summary>A peer id as it appears in a group/channel key: trimmed, lower-cased unless the channel's ids are case-sensitive.</summary>
    public static string NormalizePeerId(string? channel, string? peerKind, string? peerId)
    {
        var trimmed = JsText.Trim(peerId ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        return PreservesPeerCase(channel, peerKind) ? trimmed : JsText.Lower(trimmed);
    }

    /// <summary>The request-facing form of a store key: its rest after <c>agent:&lt;id&gt;:</c>, or the key itself.</summary>
    public static string? ToRequestKey(string? storeKey)
    {
        var raw = JsText.Trim(storeKey ?? string.Empty);
        return raw.Length == 0 ? null : ParseAgent(raw)?.Rest ?? raw;
    }

    /// <summary>True when two keys name the same session once their agent heads are ignored.</summary>
    public static bool MatchByRequestKey(string? left, string? right)
    {
        var l = JsText.Trim(left ?? string.Empty);
        var r = JsText.Trim(right ?? string.Empty);
        return l.Length > 0 && r.Length > 0 && (l == r || ToRequestKey(l) == ToRequestKey(r));
    }

    /// <summary>
    /// Scopes a request key to an agent: blank or <c>main</c> → the agent's main key; an <c>agent:</c> key
    /// is canonicalised; a bare key such as <c>incident-42</c> becomes <c>agent:&lt;agentId&gt;:incident-42</c>.
    /// </summary>
    public static string ToStoreKey(string? agentId, string? requestKey, string? mainKey = null)
    {
        var raw = JsText.Trim(requestKey ?? string.Empty);
        var lowered = JsText.TrimLower(raw);
        if (raw.Length == 0 || lowered == "main")
        {
            return BuildAgentMain(agentId, mainKey);
        }

        if (ParseAgent(raw) is { } parsed)
        {
            return $"{AgentPrefix}{parsed.AgentId}:{parsed.Rest}";
        }

        var normalized = Normalize(raw);
        return lowered.StartsWith(AgentPrefix, StringComparison.Ordinal)
            ? normalized
            : $"{AgentPrefix}{AgentId.NormalizeValue(agentId)}:{normalized}";
    }

    public static SessionKeyShape ClassifyShape(string? sessionKey)
    {
        var raw = JsText.Trim(sessionKey ?? string.Empty);
        if (raw.Length == 0)
        {
            return SessionKeyShape.Missing;
        }

        if (ParseAgent(raw) is not null)
        {
            return SessionKeyShape.Agent;
        }

        return JsText.TrimLower(raw).StartsWith(AgentPrefix, StringComparison.Ordinal) ? SessionKeyShape.MalformedAgent : SessionKeyShape.LegacyOrAlias;
    }

    public static string ToWireName(this SessionKeyShape shape) => shape switch
    {
        SessionKeyShape.Missing => "missing",
        SessionKeyShape.Agent => "agent",
        SessionKeyShape.MalformedAgent => "malformed_agent",
        SessionKeyShape.LegacyOrAlias => "legacy_or_alias",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary><c>global</c> and <c>unknown</c> are never scoped to an agent.</summary>
    public static bool IsUnscopedSentinel(string? sessionKey) => JsText.TrimLower(sessionKey) is GlobalKey or UnknownKey;

    /// <summary>Scopes a bare legacy key to an agent; other shapes (and blank agent ids) pass through. Null for a blank key.</summary>
    public static string? ScopeLegacyToAgent(string? sessionKey, string? agentId, string? mainKey = null)
    {
        var raw = JsText.Trim(sessionKey ?? string.Empty);
        if (raw.Length == 0)
        {
            return null;
        }

        var owner = JsText.Trim(agentId ?? string.Empty);
        return owner.Length == 0 || ClassifyShape(raw) != SessionKeyShape.LegacyOrAlias ? raw : ToStoreKey(owner, raw, mainKey);
    }

    /// <summary>The owning agent of a key; bare keys need the configured default, malformed <c>agent:</c> keys are refused.</summary>
    public static SessionKeyAgentResolution ResolveAgentId(string? sessionKey, string? configuredDefaultAgentId)
    {
        if (ParseAgent(sessionKey)?.AgentId is { } agentId)
        {
            return new(AgentId.NormalizeValue(agentId), null);
        }

        if (ClassifyShape(sessionKey) == SessionKeyShape.MalformedAgent)
        {
            return new(null, "Malformed agent session key; refusing default-agent resolution.");
        }

        var configured = JsText.Trim(configuredDefaultAgentId ?? string.Empty);
        return configured.Length > 0
            ? new(AgentId.NormalizeValue(configured), null)
            : new(null, "Session key does not contain an agent id; resolve it with the configured default agent.");
    }

    /// <summary>Optional agent id: blank gives null, anything else is normalised.</summary>
    public static string? NormalizeOptionalAgentId(string? value)
        => JsText.TrimToNull(value) is { } trimmed ? AgentId.NormalizeValue(trimmed) : null;

    /// <summary>Cron run keys report their events on the agent's main session (or <c>global</c>); other keys are unchanged.</summary>
    public static string? ResolveEventKey(string? sessionKey, string? mainKey, string? sessionScope)
    {
        var parsed = ParseAgent(sessionKey);
        if (parsed is null || !SessionKeyKinds.IsCronRun(sessionKey))
        {
            return sessionKey;
        }

        return sessionScope == "global" ? GlobalKey : BuildAgentMain(parsed.AgentId, mainKey);
    }

    /// <summary>
    /// Maps the aliases of a main session (<c>main</c>, the configured main key, the agent's or the legacy
    /// <c>main</c> agent's main key) to the agent's current main key, or <c>global</c> under global scope.
    /// </summary>
    public static string CanonicalizeMainAlias(string sessionKey, string? agentId, string? configuredMainKey, string? sessionScope)
    {
        var raw = JsText.Trim(sessionKey);
        if (raw.Length == 0)
        {
            return raw;
        }

        var mainKey = NormalizeMainKey(configuredMainKey);
        var suffixAt = raw.Length - mainKey.Length - 1;
        if (raw != "main" && raw != mainKey && !raw.EndsWith(":main", StringComparison.Ordinal)
            && !(raw.EndsWith(mainKey, StringComparison.Ordinal) && suffixAt >= 0 && raw[suffixAt] == ':'))
        {
            return raw;
        }

        var owner = AgentId.NormalizeValue(agentId);
        var agentMain = BuildAgentMain(owner, mainKey);
        var isAlias = raw == "main" || raw == mainKey || raw == agentMain || raw == BuildAgentMain(owner, "main")
            || raw == BuildAgentMain(AgentId.DefaultValue, mainKey) || raw == BuildAgentMain(AgentId.DefaultValue, "main");
        if (!isAlias)
        {
            return raw;
        }

        return sessionScope == "global" ? GlobalKey : agentMain;
    }

    private static bool PreservesPeerCase(string? channel, string? peerKind)
    {
        var c = JsText.TrimLower(channel);
        var k = JsText.TrimLower(peerKind);
        return (c == "signal" && k == "group") || (c == "matrix" && k is "channel" or "group");
    }

    private static List<(int Start, int End, bool Trim)> CollectCasePreservedSpans(string raw)
    {
        // The reference's patterns are ASCII case-insensitive; match on an ASCII fold of the same length.
        var ascii = JsText.FoldAscii(raw);
        var spans = new List<(int, int, bool)>();
        foreach (Match match in SignalGroupId().Matches(ascii))
        {
            var segment = match.Groups[2];
            spans.Add((segment.Index, segment.Index + segment.Length, true));
        }

        var room = MatrixRoomKey().Match(ascii);
        if (!room.Success || room.Length >= raw.Length)
        {
            return spans;
        }

        var tailStart = room.Length;
        var markerIndex = JsText.TrimLower(raw[tailStart..]).LastIndexOf(":thread:", StringComparison.Ordinal);
        if (markerIndex == -1)
        {
            spans.Add((tailStart, raw.Length, false));
            return spans;
        }

        spans.Add((tailStart, tailStart + markerIndex, false));
        var threadIdStart = tailStart + markerIndex + 8;
        if (threadIdStart < raw.Length)
        {
            spans.Add((threadIdStart, raw.Length, false));
        }

        return spans;
    }

    [GeneratedRegex("(^|:)signal:group:([^:]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SignalGroupId();

    [GeneratedRegex("^(?:(?:agent:[^:]*:)+:*)?matrix:(?:channel|group):", RegexOptions.CultureInvariant)]
    private static partial Regex MatrixRoomKey();
}
