using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The one-line text of a transcript message the list previews and derived titles show: user and
/// assistant messages only, hidden (<c>display:false</c>) and control-only replies (<c>NO_REPLY</c>,
/// <c>ANNOUNCE_SKIP</c>, <c>REPLY_SKIP</c>) skipped, clipped to 20–800 UTF-16 units with <c>...</c>.
/// Not yet ported: channel envelope headers on user text, assistant phase selection (final answer
/// over commentary) and markdown flattening for <c>lastMessagePreview</c>.
/// </summary>
internal static partial class SessionDisplayMessage
{
    public const int DefaultMaxChars = 240;
    private const int MaxChars = 800;

    public static (string Role, string Text)? Project(JsonObject? message, int maxChars = DefaultMaxChars, bool flattenMarkdown = false)
    {
        if (message is null || message["display"] is JsonValue d && d.TryGetValue<bool>(out var shown) && !shown)
        {
            return null;
        }

        var role = message["role"] is JsonValue r && r.TryGetValue<string>(out var rs) ? rs.ToLowerInvariant() : string.Empty;
        if (role is not ("user" or "assistant"))
        {
            return null;
        }

        var text = JsText.TrimToNull(ExtractText(message, role == "user"));
        if (text is null || (role == "assistant" && IsControlReply(text)))
        {
            return null;
        }

        if (flattenMarkdown)
        {
            text = FlattenMarkdown(text);
            if (text.Length == 0)
            {
                return null;
            }
        }

        var limit = Math.Min(MaxChars, Math.Max(20, maxChars));
        return (role, text.Length <= limit ? text : TruncateUtf16(text, limit - 3) + "...");
    }

    /// <summary>User text: a string, or its <c>text</c>/<c>input_text</c> blocks joined; assistant text: its text blocks joined.</summary>
    public static string? ExtractText(JsonObject message, bool user)
    {
        switch (message["content"])
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonArray blocks:
                var parts = blocks.OfType<JsonObject>()
                    .Where(b => b["type"] is JsonValue t && t.TryGetValue<string>(out var type) && (type == "text" || (user && type == "input_text")))
                    .Select(b => b["text"] is JsonValue tv && tv.TryGetValue<string>(out var text) ? text : null)
                    .OfType<string>()
                    .Where(t => user || t.Trim().Length > 0)
                    .ToList();
                if (parts.Count > 0)
                {
                    return string.Join('\n', parts);
                }

                break;
        }

        return user && message["text"] is JsonValue tx && tx.TryGetValue<string>(out var plain) ? plain : null;
    }

    /// <summary>Cuts at <paramref name="length"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string TruncateUtf16(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = Math.Max(0, length);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }

    /// <summary>One line of readable text from Markdown: code fences dropped, link/image text kept, emphasis and list marks removed.</summary>
    public static string FlattenMarkdown(string text)
    {
        text = Fence().Replace(text, " ");
        text = text.Replace("```", " ", StringComparison.Ordinal);
        text = InlineCode().Replace(text, "$1");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = LineMark().Replace(text, string.Empty);
        text = Stars().Replace(text, "$2");
        text = Underscores().Replace(text, "$1$3");
        text = Strike().Replace(text, "$1");
        return JsText.Trim(Spaces().Replace(text, " "));
    }

    private static bool IsControlReply(string text) => ControlReply().IsMatch(text.Trim());

    [GeneratedRegex(@"```[\s\S]*?```")]
    private static partial Regex Fence();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s+", RegexOptions.Multiline)]
    private static partial Regex LineMark();

    [GeneratedRegex(@"(\*{1,2})(?=\S)([\s\S]*?\S)\1")]
    private static partial Regex Stars();

    [GeneratedRegex(@"(^|[^\p{L}\p{N}])(_{1,2})(?=\S)([\s\S]*?\S)\2(?![\p{L}\p{N}])")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"~~(?=\S)([\s\S]*?\S)~~")]
    private static partial Regex Strike();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\W*(?:NO_REPLY|ANNOUNCE_SKIP|REPLY_SKIP)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex ControlReply();
}
