using Pincer.Abstractions.Text;
using Pincer.Routing.Keys;

namespace Pincer.Routing;

/// <summary>
/// Main-DM route pinning: with <c>dmScope: "main"</c> and exactly one concrete <c>allowFrom</c> owner, DMs
/// from anyone else must not move the main session's <c>lastRoute</c> away from the owner.
/// </summary>
public static class MainDmRoutePin
{
    /// <summary>
    /// The single owner an allowlist names (after the channel's own entry normalisation), or null for other
    /// DM scopes, wildcards, empty or multi-owner lists.
    /// </summary>
    public static string? ResolveOwner(string? dmScope, IReadOnlyList<string>? allowFrom, Func<string, string?> normalizeEntry)
    {
        if ((dmScope ?? SessionKeyBuilder.DmScopeMain) != SessionKeyBuilder.DmScopeMain || allowFrom is null)
        {
            return null;
        }

        if (allowFrom.Any(entry => JsText.Trim(entry) == "*"))
        {
            return null;
        }

        var owners = allowFrom.Select(normalizeEntry).Where(e => !string.IsNullOrEmpty(e)).Distinct(StringComparer.Ordinal).ToList();
        return owners.Count == 1 ? owners[0] : null;
    }

    /// <summary>True when the sender is someone other than the pinned owner (compared trimmed, case-insensitively).</summary>
    public static bool ShouldSkipRouteUpdate(string? ownerRecipient, string? senderRecipient)
    {
        var owner = JsText.TrimLower(ownerRecipient);
        var sender = JsText.TrimLower(senderRecipient);
        return owner.Length > 0 && sender.Length > 0 && owner != sender;
    }
}
