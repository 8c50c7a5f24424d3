using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>The validated <c>sessions.cleanup</c> params (the schema has already checked their types).</summary>
internal sealed record SessionsCleanupRequest(string? Agent, bool AllAgents, bool Enforce, string? ActiveKey, bool FixMissing, bool FixDmScope)
{
    public static SessionsCleanupRequest From(JsonObject p) => new(
        p["agent"] is JsonValue a && a.TryGetValue<string>(out var agent) ? agent : null,
        Flag(p["allAgents"]),
        Flag(p["enforce"]),
        p["activeKey"] is JsonValue k && k.TryGetValue<string>(out var key) ? JsText.TrimToNull(key) is null ? null : key : null,
        Flag(p["fixMissing"]),
        Flag(p["fixDmScope"]));

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
