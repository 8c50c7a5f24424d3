using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// The spellings the reference accepts for per-session switches a patch sets. Each returns the stored
/// form, or null when the value is not recognised (the caller reports the reference's message).
/// </summary>
internal static class SessionLevels
{
    public static readonly string[] IconIds = ["braces", "book", "monitor", "bot", "kanban", "coins"];

    public static readonly string[] ColorIds = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"];

    public static string? Thinking(string? raw)
    {
        var key = JsText.TrimLower(raw);
        if (key.Length == 0)
        {
            return null;
        }

        var collapsed = new string([.. key.Where(c => c is not ('-' or '_') && !JsText.IsWhiteSpace(c))]);
        return collapsed switch
        {
            "adaptive" or "auto" => "adaptive",
            "max" => "max",
            "ultra" => "ultra",
            "xhigh" or "extrahigh" => "xhigh",
            _ => key switch
            {
                "off" or "none" => "off",
                "on" or "enable" or "enabled" => "low",
                "min" or "minimal" => "minimal",
                "low" or "thinkhard" or "think-hard" or "think_hard" => "low",
                "mid" or "med" or "medium" or "thinkharder" or "think-harder" or "harder" => "medium",
                "high" or "ultrathink" or "thinkhardest" or "highest" => "high",
                "think" => "minimal",
                _ => null,
            },
        };
    }

    public static string? Verbose(string? raw) => JsText.TrimLower(raw) switch
    {
        "off" or "false" or "no" or "0" => "off",
        "full" or "all" or "everything" => "full",
        "on" or "minimal" or "true" or "yes" or "1" => "on",
        _ => null,
    };

    public static string? Trace(string? raw) => JsText.TrimLower(raw) switch
    {
        "off" or "false" or "no" or "0" => "off",
        "on" or "true" or "yes" or "1" => "on",
        "raw" or "unfiltered" => "raw",
        _ => null,
    };

    public static string? Reasoning(string? raw) => JsText.TrimLower(raw) switch
    {
        "off" or "false" or "no" or "0" or "hide" or "hidden" or "disable" or "disabled" => "off",
        "on" or "true" or "yes" or "1" or "show" or "visible" or "enable" or "enabled" => "on",
        "stream" or "streaming" or "draft" or "live" => "stream",
        _ => null,
    };

    public static string? Elevated(string? raw) => JsText.TrimLower(raw) switch
    {
        "off" or "false" or "no" or "0" => "off",
        "full" or "auto" or "auto-approve" or "autoapprove" => "full",
        "ask" or "prompt" or "approval" or "approve" => "ask",
        "on" or "true" or "yes" or "1" => "on",
        _ => null,
    };

    public static string? ExecTarget(string? raw) => JsText.TrimLower(raw) switch
    {
        "auto" => "auto",
        "sandbox" => "sandbox",
        "gateway" => "gateway",
        "node" => "node",
        _ => null,
    };

    public static string? SendPolicy(string? raw) => JsText.TrimLower(raw) switch
    {
        "allow" => "allow",
        "deny" => "deny",
        _ => null,
    };

    public static string? GroupActivation(string? raw) => JsText.TrimLower(raw) switch
    {
        "mention" => "mention",
        "always" => "always",
        _ => null,
    };

    /// <summary>A named icon, one emoji, or self-contained SVG (markup or data URL) up to 16 KiB.</summary>
    public static string? Icon(string raw)
    {
        var trimmed = JsText.Trim(raw);
        if (IconIds.Contains(trimmed, StringComparer.Ordinal))
        {
            return trimmed;
        }

        if (trimmed.Length <= 16 * 1024
            && (trimmed.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("data:image/svg+xml", StringComparison.OrdinalIgnoreCase)))
        {
            return trimmed;
        }

        return IsSingleEmoji(trimmed) ? trimmed : null;
    }

    public static string? Color(string raw)
    {
        var key = JsText.TrimLower(raw);
        return ColorIds.Contains(key, StringComparer.Ordinal) ? key : null;
    }

    private static bool IsSingleEmoji(string value)
    {
        if (value.Length == 0 || System.Globalization.StringInfo.ParseCombiningCharacters(value).Length != 1)
        {
            return false;
        }

        var rune = System.Text.Rune.GetRuneAt(value, 0);
        return rune.Value >= 0x2100 && System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.Surrogate;
    }
}
