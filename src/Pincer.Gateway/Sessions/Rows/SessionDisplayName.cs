using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// A row's <c>displayName</c>: the label, else a stored display name or auto label, else the delivery
/// origin's label unless it merely repeats the route identity. Group/channel titles built from
/// subject/space/topic (the channel layer's work) are not derived yet.
/// </summary>
internal static partial class SessionDisplayName
{
    public static string? Resolve(string key, SessionEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        if (JsText.TrimToNull(entry.Label) is { } label)
        {
            return label;
        }

        if (entry.DisplayName is { } display)
        {
            return display;
        }

        if (JsonFieldsText(entry.Json, "autoLabel") is { } auto)
        {
            return auto;
        }

        if (SessionKeys.ParseAgentParts(key)?.Rest.StartsWith("dashboard:", StringComparison.Ordinal) == true)
        {
            return null;
        }

        var origin = entry.Delivery is { } delivery && JsonFieldsText(delivery, "kind") == "external"
            ? delivery["origin"] as JsonObject
            : null;
        if (origin is null || JsonFieldsText(origin, "label") is not { } originLabel)
        {
            return null;
        }

        var from = JsText.TrimToNull(JsonFieldsText(origin, "from"));
        var tail = from?.Split(':')[^1];
        var tailOpaque = tail is not null && (tail.Contains('@', StringComparison.Ordinal) || PhoneLike().IsMatch(tail));
        var isRouteIdentity = originLabel == from || (tailOpaque && originLabel == tail);
        return isRouteIdentity ? null : originLabel;
    }

    private static string? JsonFieldsText(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^[+]?[\d\s().-]+$")]
    private static partial Regex PhoneLike();
}
