using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>A session's derived title: its label, else its display name, else its subject.</summary>
internal static class SessionTitle
{
    public static string? FromEntry(SessionEntry entry, string? displayName) =>
        JsText.TrimToNull(entry.Label)
        ?? JsText.TrimToNull(displayName)
        ?? JsText.TrimToNull(entry.DisplayName)
        ?? JsText.TrimToNull(entry.Json["subject"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
}
