using System.Text.Json.Nodes;

namespace Pincer.Gateway.Devices;

/// <summary>A device approved for one or more roles, with its issued tokens (spec §4.3).</summary>
internal sealed class PairedDevice
{
    public required string DeviceId { get; init; }

    public required string PublicKey { get; set; }

    public string? DisplayName { get; set; }

    public string? Platform { get; set; }

    public string? DeviceFamily { get; set; }

    public string? ClientId { get; set; }

    public string? ClientMode { get; set; }

    public string Role { get; set; } = "operator";

    public List<string> Roles { get; } = [];

    public List<string> Scopes { get; set; } = [];

    public string ApprovedVia { get; set; } = "silent";

    public long CreatedAtMs { get; init; }

    public long ApprovedAtMs { get; set; }

    public long? LastSeenAtMs { get; set; }

    public string? LastSeenReason { get; set; }

    public Dictionary<string, DeviceToken> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>device.pair.list</c> row; token secrets are never listed.</summary>
    public JsonObject ToListEntry(bool connected)
    {
        var entry = new JsonObject
        {
            ["deviceId"] = DeviceId,
            ["publicKey"] = PublicKey,
        };
        if (DisplayName is not null)
        {
            entry["displayName"] = DisplayName;
        }

        if (Platform is not null)
        {
            entry["platform"] = Platform;
        }

        if (DeviceFamily is not null)
        {
            entry["deviceFamily"] = DeviceFamily;
        }

        if (ClientId is not null)
        {
            entry["clientId"] = ClientId;
        }

        if (ClientMode is not null)
        {
            entry["clientMode"] = ClientMode;
        }

        entry["role"] = Role;
        entry["roles"] = new JsonArray([.. Roles.Select(r => JsonValue.Create(r))]);
        entry["scopes"] = new JsonArray([.. Scopes.Select(s => JsonValue.Create(s))]);
        entry["approvedVia"] = ApprovedVia;
        entry["createdAtMs"] = CreatedAtMs;
        entry["approvedAtMs"] = ApprovedAtMs;
        if (LastSeenAtMs is { } seen)
        {
            entry["lastSeenAtMs"] = seen;
        }

        if (LastSeenReason is not null)
        {
            entry["lastSeenReason"] = LastSeenReason;
        }

        entry["connected"] = connected;
        entry["tokens"] = new JsonArray([.. Tokens.Values.Select(t => (JsonNode)t.ToSummary())]);
        return entry;
    }
}
