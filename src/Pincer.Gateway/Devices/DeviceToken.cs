using System.Text.Json.Nodes;

namespace Pincer.Gateway.Devices;

/// <summary>A per-device, per-role bearer token bound to the scopes approved at issue time.</summary>
internal sealed record DeviceToken(string Role, string Token, IReadOnlyList<string> Scopes, long CreatedAtMs, long? RevokedAtMs = null)
{
    public JsonObject ToSummary()
    {
        var summary = new JsonObject
        {
            ["role"] = Role,
            ["scopes"] = new JsonArray([.. Scopes.Order(StringComparer.Ordinal).Select(s => JsonValue.Create(s))]),
            ["createdAtMs"] = CreatedAtMs,
        };
        if (RevokedAtMs is { } revoked)
        {
            summary["revokedAtMs"] = revoked;
        }

        return summary;
    }
}
