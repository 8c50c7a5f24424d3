using System.Text.RegularExpressions;
using Pincer.Abstractions.Text;

namespace Pincer.Routing.Groups;

/// <summary>Group activation modes (<c>mention</c> / <c>always</c>) and the <c>/activation</c> command.</summary>
public static partial class GroupActivation
{
    public const string Mention = "mention";
    public const string Always = "always";

    /// <summary><c>mention</c> or <c>always</c> (any case, trimmed); anything else is null.</summary>
    public static string? Normalize(string? raw) => JsText.TrimToNull(raw) is { } value && JsText.Lower(value) is Mention or Always
        ? JsText.Lower(value)
        : null;

    /// <summary>The activation a group gets from its mention requirement alone.</summary>
    public static string Default(bool requireMention) => requireMention ? Mention : Always;

    /// <summary>
    /// Recognises <c>/activation [mode]</c> (also <c>/activation: mode</c>); the mode is null when absent or unknown.
    /// </summary>
    public static ActivationCommand ParseCommand(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return ActivationCommand.None;
        }

        var trimmed = JsText.Trim(raw);
        if (trimmed.Length == 0)
        {
            return ActivationCommand.None;
        }

        var colon = ColonForm().Match(trimmed);
        if (colon.Success)
        {
            var rest = JsText.TrimStart(colon.Groups[2].Value);
            trimmed = rest.Length > 0 ? $"/{colon.Groups[1].Value} {rest}" : $"/{colon.Groups[1].Value}";
        }

        // JavaScript's /i without the u flag folds ASCII only; match an ASCII fold and read the original.
        var match = Command().Match(JsText.FoldAscii(trimmed));
        if (!match.Success)
        {
            return ActivationCommand.None;
        }

        var mode = match.Groups[1].Success ? trimmed.Substring(match.Groups[1].Index, match.Groups[1].Length) : null;
        return new ActivationCommand(true, Normalize(mode));
    }

    [GeneratedRegex(@"^/([^\s:]+)\s*:([^\n\r\u2028\u2029]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ColonForm();

    [GeneratedRegex(@"^/activation(?:\s+([a-zA-Z]+))?\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Command();
}
