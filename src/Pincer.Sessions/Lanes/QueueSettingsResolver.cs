using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// Resolves the effective <see cref="QueueSettings"/> for one message, in the reference's order:
/// mode = inline → stored session → <c>messages.queue.byChannel.&lt;channel&gt;</c> → <c>messages.queue.mode</c> → steer;
/// debounce = inline → session → <c>messages.queue.debounceMsByChannel.&lt;channel&gt;</c> → channel plugin default → 500;
/// cap = inline → session → <c>messages.queue.cap</c> → 20; drop = inline → session → <c>messages.queue.drop</c> → summarize.
/// Pure: no I/O, no clock.
/// </summary>
public static class QueueSettingsResolver
{
    /// <param name="config">The whole config document (root object), or null.</param>
    /// <param name="channel">Provider id of the surface the message came from (<c>telegram</c>, <c>webchat</c>, …).</param>
    /// <param name="session">Options stored on the session entry by <c>/queue</c>.</param>
    /// <param name="inline">Options given with this very message.</param>
    /// <param name="pluginDebounceMs">The channel plugin's own default quiet window, when it declares one.</param>
    public static QueueSettings Resolve(
        JsonNode? config,
        string? channel = null,
        QueueOverrides? session = null,
        QueueOverrides? inline = null,
        double? pluginDebounceMs = null)
    {
        var channelKey = NormalizeKey(channel);
        var queue = config?["messages"]?["queue"] as JsonObject;

        var mode = NormalizeMode(inline?.Mode)
            ?? NormalizePersistedMode(session?.Mode)
            ?? (channelKey is null ? null : NormalizeMode(StringAt(queue?["byChannel"], channelKey)))
            ?? NormalizeMode(StringAt(queue, "mode"))
            ?? QueueMode.Steer;

        var debounce = inline?.DebounceMs
            ?? session?.DebounceMs
            ?? (channelKey is null ? null : NonNegative(NumberAt(queue?["debounceMsByChannel"], channelKey)))
            ?? NonNegative(pluginDebounceMs)
            ?? QueueSettings.DefaultDebounceMs;

        int cap;
        var capRaw = inline?.Cap ?? session?.Cap;
        if (capRaw is null && queue?["cap"] is { } capNode)
        {
            // A present but non-numeric config value counts as "set" in the reference, leaving the built-in cap.
            capRaw = TryGetNumber(capNode, out var n) ? n : double.NaN;
        }
        cap = capRaw is { } c && double.IsFinite(c) ? (int)Math.Clamp(Math.Floor(c), 1, int.MaxValue) : QueueSettings.DefaultCap;

        var drop = NormalizeDropPolicy(inline?.Drop)
            ?? NormalizeDropPolicy(session?.Drop)
            ?? NormalizeDropPolicy(StringAt(queue, "drop"))
            ?? QueueDropPolicy.Summarize;

        return new QueueSettings(mode, Math.Max(0, double.IsFinite(debounce) ? debounce : 0), cap, drop);
    }

    /// <summary>Accepts the names and aliases a user may type in config or a <c>/queue</c> command.</summary>
    public static QueueMode? NormalizeMode(string? raw) => NormalizeKey(raw) switch
    {
        "interrupt" or "interrupts" or "abort" => QueueMode.Interrupt,
        "steer" or "steering" => QueueMode.Steer,
        "followup" or "follow-ups" or "followups" => QueueMode.Followup,
        "collect" or "coalesce" => QueueMode.Collect,
        _ => null,
    };

    /// <summary>
    /// Like <see cref="NormalizeMode"/>, plus the retired modes older session entries still carry:
    /// <c>queue</c>/<c>queued</c> now mean steer, <c>steer-backlog</c> now means followup.
    /// </summary>
    public static QueueMode? NormalizePersistedMode(string? raw) => NormalizeMode(raw) ?? NormalizeKey(raw) switch
    {
        "queue" or "queued" => QueueMode.Steer,
        "steer+backlog" or "steer-backlog" or "steer_backlog" => QueueMode.Followup,
        _ => null,
    };

    /// <summary>Accepts <c>old</c>/<c>oldest</c>, <c>new</c>/<c>newest</c>, <c>summarize</c>/<c>summary</c>.</summary>
    public static QueueDropPolicy? NormalizeDropPolicy(string? raw) => NormalizeKey(raw) switch
    {
        "old" or "oldest" => QueueDropPolicy.Old,
        "new" or "newest" => QueueDropPolicy.New,
        "summarize" or "summary" => QueueDropPolicy.Summarize,
        _ => null,
    };

    /// <summary>The wire name of a mode, as config and <c>sessions.list</c> spell it.</summary>
    public static string ToWire(QueueMode mode) => mode switch
    {
        QueueMode.Steer => "steer",
        QueueMode.Followup => "followup",
        QueueMode.Collect => "collect",
        QueueMode.Interrupt => "interrupt",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The wire name of a drop policy.</summary>
    public static string ToWire(QueueDropPolicy drop) => drop switch
    {
        QueueDropPolicy.Old => "old",
        QueueDropPolicy.New => "new",
        QueueDropPolicy.Summarize => "summarize",
        _ => throw new ArgumentOutOfRangeException(nameof(drop)),
    };

    // The reference's normalizeOptionalLowercaseString: JavaScript trim, empty → absent, JavaScript toLowerCase.
    private static string? NormalizeKey(string? raw) => raw is null || JsText.TrimLower(raw) is not { Length: > 0 } key ? null : key;

    private static string? StringAt(JsonNode? parent, string key) =>
        parent is JsonObject obj && obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? NumberAt(JsonNode? parent, string key) =>
        parent is JsonObject obj && obj[key] is { } node && TryGetNumber(node, out var n) && double.IsFinite(n) ? n : null;

    private static double? NonNegative(double? value) => value is { } v && double.IsFinite(v) ? Math.Max(0, v) : null;

    internal static bool TryGetNumber(JsonNode node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue(out double d)) { value = d; return true; }
        if (v.TryGetValue(out long l)) { value = l; return true; }
        if (v.TryGetValue(out int i)) { value = i; return true; }
        if (v.TryGetValue(out decimal m)) { value = (double)m; return true; }
        if (v.TryGetValue(out float f)) { value = f; return true; }
        return false;
    }
}
