using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;
using Pincer.Routing.Config;

namespace Pincer.Routing.Mentions;

/// <summary>
/// Regex mention detection for group messages: which patterns apply to an agent (its
/// <c>groupChat.mentionPatterns</c>, else <c>messages.groupChat.mentionPatterns</c>), how they compile
/// (case-insensitive; empty and backtracking-prone patterns are dropped) and how text is matched.
/// </summary>
public static partial class MentionPatterns
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The pattern sources that apply to an agent: its own <c>groupChat.mentionPatterns</c>, else
    /// <c>messages.groupChat.mentionPatterns</c>, else patterns derived from <c>identity.name</c> / <c>identity.emoji</c>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(JsonNode? config, string? agentId)
    {
        if (ResolveConfigured(config, agentId) is { } configured)
        {
            return configured;
        }

        var identity = string.IsNullOrEmpty(agentId) ? null : ConfigJson.Property(AgentEntry(config, agentId), "identity");
        return DerivedMentionPatterns.Derive(ConfigJson.String(ConfigJson.Property(identity, "name")), ConfigJson.String(ConfigJson.Property(identity, "emoji")));
    }

    /// <summary>The configured pattern sources for an agent; null when neither the agent nor <c>messages.groupChat</c> sets any.</summary>
    public static IReadOnlyList<string>? ResolveConfigured(JsonNode? config, string? agentId)
    {
        var agentGroupChat = string.IsNullOrEmpty(agentId) ? null : ConfigJson.Property(AgentEntry(config, agentId), "groupChat") as JsonObject;
        if (agentGroupChat is not null && agentGroupChat.TryGetPropertyValue("mentionPatterns", out var own))
        {
            return Strings(own);
        }

        var global = ConfigJson.Object(ConfigJson.Object(config, "messages"), "groupChat");
        return global is not null && global.TryGetPropertyValue("mentionPatterns", out var shared) ? Strings(shared) : null;
    }

    /// <summary>
    /// Compiles pattern sources the way the reference does for matching (case-insensitive). Blank patterns are
    /// skipped; backtracking-prone and invalid ones are reported in <see cref="CompiledMentionPatterns.Rejected"/>.
    /// </summary>
    public static CompiledMentionPatterns Compile(IEnumerable<string> patterns)
    {
        var regexes = new List<Regex>();
        var sources = new List<string>();
        var rejected = new List<RejectedMentionPattern>();
        foreach (var raw in patterns)
        {
            // A literal backspace in config is almost always a JSON "\b" meant as a word boundary.
            var pattern = JsText.Trim(raw.Replace("\b", "\\b", StringComparison.Ordinal));
            if (pattern.Length == 0)
            {
                continue;
            }

            if (NestedRepetition.IsPresent(pattern))
            {
                rejected.Add(new RejectedMentionPattern(pattern, RejectedMentionPattern.UnsafeNestedRepetition));
                continue;
            }

            try
            {
                regexes.Add(new Regex(JsRegexTranslator.Translate(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout));
                sources.Add(pattern);
            }
            catch (ArgumentException)
            {
                rejected.Add(new RejectedMentionPattern(pattern, RejectedMentionPattern.InvalidRegex));
            }
        }

        return new CompiledMentionPatterns(regexes, sources, rejected);
    }

    /// <summary>Text as matched: zero-width and bidi control characters removed, trimmed, lower-cased.</summary>
    public static string NormalizeText(string? text)
    {
        var value = text ?? string.Empty;
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not (>= '\u200B' and <= '\u200F') and not (>= '\u202A' and <= '\u202E') and not (>= '\u2060' and <= '\u206F'))
            {
                builder.Append(c);
            }
        }

        return JsText.TrimLower(builder.ToString());
    }

    /// <summary>True when any pattern matches the normalised text.</summary>
    public static bool Matches(string? text, IReadOnlyList<Regex> regexes)
    {
        if (regexes.Count == 0)
        {
            return false;
        }

        var cleaned = NormalizeText(text);
        foreach (var regex in regexes)
        {
            try
            {
                if (regex.IsMatch(cleaned))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that cannot decide in time counts as no mention rather than stalling the channel.
            }
        }

        return false;
    }

    /// <summary>Native mention facts win; otherwise the text (or, when blank, the transcript) is matched.</summary>
    public static bool MatchesWithExplicit(string? text, IReadOnlyList<Regex> regexes, bool explicitlyMentioned, string? transcript = null)
    {
        var cleaned = NormalizeText(text);
        var toCheck = cleaned.Length > 0 ? cleaned : transcript is null ? string.Empty : NormalizeText(transcript);
        return explicitlyMentioned || regexes.Any(r => SafeIsMatch(r, toCheck));
    }

    /// <summary>
    /// Removes mentions from command text before command parsing: every match of the agent's patterns,
    /// then long numeric <c>@</c> handles, then collapses whitespace. Channel-specific mention syntax is the
    /// channel adapter's to strip first.
    /// </summary>
    public static string Strip(string text, IReadOnlyList<Regex> regexes)
    {
        var result = text;
        foreach (var regex in regexes)
        {
            try
            {
                result = regex.Replace(result, " ");
            }
            catch (RegexMatchTimeoutException)
            {
                // Leave the text as it is for this pattern.
            }
        }

        result = NumericHandle().Replace(result, " ");
        return JsText.Trim(JsWhiteSpaceRun().Replace(result, " "));
    }

    [GeneratedRegex("@[0-9+]{5,}", RegexOptions.CultureInvariant)]
    private static partial Regex NumericHandle();

    [GeneratedRegex(@"[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+", RegexOptions.CultureInvariant)]
    private static partial Regex JsWhiteSpaceRun();

    private static bool SafeIsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static List<string> Strings(JsonNode? node)
        => node is JsonArray array ? array.Select(ConfigJson.String).OfType<string>().ToList() : [];

    private static JsonObject? AgentEntry(JsonNode? config, string agentId)
    {
        var id = AgentId.NormalizeValue(agentId);
        var agents = ConfigJson.Object(config, "agents");
        if (agents is not null && agents.TryGetPropertyValue("entries", out var keyed))
        {
            return keyed is JsonObject entries
                ? ConfigJson.OrderedProperties(entries).Where(e => e.Value is JsonObject && AgentId.NormalizeValue(e.Key) == id).Select(e => (JsonObject)e.Value!).FirstOrDefault()
                : null;
        }

        return ConfigJson.Property(agents, "list") is JsonArray list
            ? list.OfType<JsonObject>().FirstOrDefault(e => AgentId.NormalizeValue(ConfigJson.String(ConfigJson.Property(e, "id"))) == id)
            : null;
    }
}
