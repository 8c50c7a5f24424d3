using System.Text.RegularExpressions;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// A session's derived title: its label, display name or subject, else a compact topic from the first
/// user message (the first task-verb sentence, sentence-cased, at most 60 UTF-16 units) — no model involved.
/// </summary>
internal static partial class SessionTitle
{
    private const int MaxLength = 60;

    private static readonly string[] HostEnvelopePrefixes =
    [
        "# agents.md instructions for ", "<environment_context>", "<permissions instructions>", "<skills_instructions>",
        "<apps_instructions>", "<plugins_instructions>", "<recommended_plugins>", "<external_openclaw_", "openclaw runtime context",
    ];

    private static readonly HashSet<string> TaskVerbs = new(StringComparer.Ordinal)
    {
        "add", "analyze", "build", "check", "compare", "create", "debug", "design", "draft", "explain", "find", "fix", "give", "help",
        "implement", "investigate", "list", "make", "plan", "prepare", "recommend", "recover", "rename", "resume", "review",
        "summarize", "test", "update", "write",
    };

    /// <summary>The title from entry fields alone; null when the transcript is needed.</summary>
    public static string? FromEntry(SessionEntry entry, string? displayName) =>
        JsText.TrimToNull(entry.Label)
        ?? JsText.TrimToNull(displayName)
        ?? JsText.TrimToNull(entry.DisplayName)
        ?? JsText.TrimToNull(entry.Json["subject"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null);

    /// <summary>A topic label from the first user message; null when nothing usable remains.</summary>
    public static string? FromFirstUserMessage(string? firstUserMessage)
    {
        if (string.IsNullOrEmpty(firstUserMessage))
        {
            return null;
        }

        var stripped = JsText.Trim(Whitespace().Replace(firstUserMessage, " "));
        if (stripped.Length == 0 || IsHostEnvelope(stripped) || stripped.StartsWith('/'))
        {
            return null;
        }

        var goal = PickGoalSentence(stripped);
        return goal.Length == 0 ? null : Truncate(SentenceCase(goal));
    }

    private static bool IsHostEnvelope(string text)
    {
        var folded = JsText.TrimStart(text).ToLowerInvariant();
        return HostEnvelopePrefixes.Any(p => folded.StartsWith(p, StringComparison.Ordinal));
    }

    private static string PickGoalSentence(string normalized)
    {
        foreach (var sentence in SentenceBreak().Split(normalized))
        {
            var lead = Whitespace().Split(LeadingQuotes().Replace(sentence, string.Empty))[0].ToLowerInvariant();
            if (lead.Length > 0 && TaskVerbs.Contains(lead))
            {
                return JsText.Trim(sentence);
            }
        }

        return normalized;
    }

    private static string SentenceCase(string text)
    {
        var first = text[..1];
        return !string.Equals(first, first.ToLowerInvariant(), StringComparison.Ordinal) ? text : first.ToUpperInvariant() + text[1..];
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = SessionDisplayMessage.TruncateUtf16(text, MaxLength - 1);
        var lastSpace = cut.LastIndexOf(' ');
        return lastSpace > MaxLength * 0.6 ? cut[..lastSpace] + "…" : cut + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex("^[\"'`(\\[{]+")]
    private static partial Regex LeadingQuotes();
}
