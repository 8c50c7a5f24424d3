using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// The arguments of a <c>/queue</c> directive, parsed as the reference does: an optional leading <c>:</c>, then
/// any of a mode (or alias), <c>debounce:</c>/<c>debounce=</c> (bare numbers are milliseconds; <c>ms s m h d</c> and
/// composites like <c>1m30s</c> accepted; zero ignored), <c>cap:</c> (positive integer), <c>drop:</c>, or a lone
/// <c>default</c>/<c>reset</c>/<c>clear</c>. Parsing stops at the first token that is none of these.
/// </summary>
/// <param name="Consumed">How many characters of the argument text belong to the directive.</param>
/// <param name="Mode">The recognized mode, if any.</param>
/// <param name="Reset">True for <c>default</c>, <c>reset</c> or <c>clear</c>: drop the session's stored options.</param>
/// <param name="RawMode">The mode token as typed, including an unrecognized first token (for the error reply).</param>
/// <param name="DebounceMs">Parsed quiet window.</param>
/// <param name="Cap">Parsed cap.</param>
/// <param name="Drop">Parsed drop policy.</param>
/// <param name="RawDebounce">The debounce value as typed.</param>
/// <param name="RawCap">The cap value as typed.</param>
/// <param name="RawDrop">The drop value as typed.</param>
/// <param name="HasOptions">True when any <c>debounce</c>/<c>cap</c>/<c>drop</c> option was present, valid or not.</param>
public sealed record QueueDirective(
    int Consumed,
    QueueMode? Mode,
    bool Reset,
    string? RawMode,
    double? DebounceMs,
    int? Cap,
    QueueDropPolicy? Drop,
    string? RawDebounce,
    string? RawCap,
    string? RawDrop,
    bool HasOptions)
{
    /// <summary>Parses the text after <c>/queue</c>.</summary>
    public static QueueDirective Parse(string args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var prefix = ArgPrefixLength(args);
        var i = prefix;
        var consumed = prefix;
        QueueMode? mode = null;
        var reset = false;
        string? rawMode = null, rawDebounce = null, rawCap = null, rawDrop = null;
        double? debounce = null;
        int? cap = null;
        QueueDropPolicy? drop = null;
        var hasOptions = false;
        while (i < args.Length)
        {
            var token = TakeToken(args, ref i);
            if (token is null) break;
            var lowered = JsText.Lower(token);
            if (lowered is "default" or "reset" or "clear")
            {
                reset = true;
                consumed = i;
                break;
            }
            if (Option(lowered, token, "debounce") is { } d)
            {
                rawDebounce = d;
                debounce = QueueDurations.TryParseMs(d) is { } ms && ms > 0 ? ms : null;
                hasOptions = true;
                consumed = i;
                continue;
            }
            if (Option(lowered, token, "cap") is { } c)
            {
                rawCap = c;
                cap = ParseStrictPositiveInteger(c);
                hasOptions = true;
                consumed = i;
                continue;
            }
            if (Option(lowered, token, "drop") is { } p)
            {
                rawDrop = p;
                drop = QueueSettingsResolver.NormalizeDropPolicy(p);
                hasOptions = true;
                consumed = i;
                continue;
            }
            if (QueueSettingsResolver.NormalizeMode(token) is { } m)
            {
                mode = m;
                rawMode = token;
                consumed = i;
                continue;
            }
            if (consumed == prefix && !reset && !hasOptions)
            {
                rawMode = token;
                consumed = i;
            }
            break;
        }
        return new QueueDirective(consumed, mode, reset, rawMode, debounce, cap, drop, rawDebounce, rawCap, rawDrop, hasOptions);
    }

    /// <summary>What a standalone <c>/queue</c> stores on the session entry (null when it resets).</summary>
    public QueueOverrides? ToOverrides() =>
        Reset ? null : new QueueOverrides(Mode is { } m ? QueueSettingsResolver.ToWire(m) : null, DebounceMs, Cap, Drop is { } d ? QueueSettingsResolver.ToWire(d) : null);

    private static int ArgPrefixLength(string raw)
    {
        var i = 0;
        while (i < raw.Length && JsText.IsWhiteSpace(raw[i])) i++;
        return i < raw.Length && raw[i] == ':' ? i + 1 : 0;
    }

    private static string? TakeToken(string raw, ref int i)
    {
        while (i < raw.Length && JsText.IsWhiteSpace(raw[i])) i++;
        if (i >= raw.Length) return null;
        var start = i;
        while (i < raw.Length && !JsText.IsWhiteSpace(raw[i])) i++;
        return raw[start..i];
    }

    // The value is the text between the first and second ':' or '=' (the reference splits on both).
    private static string? Option(string lowered, string token, string name)
    {
        if (!lowered.StartsWith(name, StringComparison.Ordinal) || lowered.Length <= name.Length || lowered[name.Length] is not (':' or '='))
        {
            return null;
        }
        var parts = token.Split([':', '=']);
        return parts.Length > 1 ? parts[1] : string.Empty;
    }

    private static int? ParseStrictPositiveInteger(string raw)
    {
        var trimmed = JsText.Trim(raw);
        if (trimmed.Length == 0) return null;
        var digits = trimmed[0] is '+' or '-' ? trimmed[1..] : trimmed;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return null;
        return long.TryParse(trimmed, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
               && n > 0 && n <= int.MaxValue ? (int)n : null;
    }
}
