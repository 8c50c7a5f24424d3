using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Json;

namespace Pincer.Storage.Sqlite.Devices;

/// <summary>
/// Row ↔ record mapping for the device pairing tables, mirroring the reference's encodings:
/// <c>*_json</c> columns hold <c>JSON.stringify</c> output (NULL when the field is absent), booleans
/// are 0/1/NULL, timestamps are Unix milliseconds.
/// </summary>
internal static class DeviceRows
{
    public const string PairedColumns = """
        device_id, public_key, display_name, operator_label, platform, device_family, client_id, client_mode,
        browser_origin, role, roles_json, scopes_json, approved_scopes_json, remote_ip, tokens_json, approved_via,
        created_at_ms, approved_at_ms, last_seen_at_ms, last_seen_reason
        """;

    public const string PendingColumns = """
        request_id, device_id, public_key, display_name, platform, device_family, client_id, client_mode,
        browser_origin, role, roles_json, scopes_json, remote_ip, silent, is_repair, ts, refreshed_at_ms
        """;

    public static StoredPairedDevice ReadPaired(SqliteDataReader r) => new()
    {
        DeviceId = r.GetString(0),
        PublicKey = r.GetString(1),
        DisplayName = Text(r, 2),
        OperatorLabel = Text(r, 3),
        Platform = Text(r, 4),
        DeviceFamily = Text(r, 5),
        ClientId = Text(r, 6),
        ClientMode = Text(r, 7),
        BrowserOrigin = Text(r, 8),
        Role = Text(r, 9),
        Roles = ReferenceJson.ParseStringArray(Text(r, 10)) ?? [],
        Scopes = ReferenceJson.ParseStringArray(Text(r, 11)) ?? [],
        ApprovedScopes = ReferenceJson.ParseStringArray(Text(r, 12)),
        RemoteIp = Text(r, 13),
        Tokens = ParseTokens(ReferenceJson.ParseObject(Text(r, 14))),
        ApprovedVia = Text(r, 15),
        CreatedAtMs = r.GetInt64(16),
        ApprovedAtMs = r.GetInt64(17),
        LastSeenAtMs = Int64(r, 18),
        LastSeenReason = Text(r, 19),
    };

    public static StoredPairingRequest ReadPending(SqliteDataReader r) => new()
    {
        RequestId = r.GetString(0),
        DeviceId = r.GetString(1),
        PublicKey = r.GetString(2),
        DisplayName = Text(r, 3),
        Platform = Text(r, 4),
        DeviceFamily = Text(r, 5),
        ClientId = Text(r, 6),
        ClientMode = Text(r, 7),
        BrowserOrigin = Text(r, 8),
        Role = Text(r, 9),
        Roles = ReferenceJson.ParseStringArray(Text(r, 10)),
        Scopes = ReferenceJson.ParseStringArray(Text(r, 11)),
        RemoteIp = Text(r, 12),
        Silent = Int64(r, 13) is { } silent ? silent != 0 : null,
        IsRepair = Int64(r, 14) is { } repair ? repair != 0 : null,
        Ts = r.GetInt64(15),
        RefreshedAtMs = Int64(r, 16),
    };

    public static void BindPending(SqliteCommand command, StoredPairingRequest request)
    {
        var p = command.Parameters;
        p.AddWithValue("$request_id", request.RequestId);
        p.AddWithValue("$device_id", request.DeviceId);
        p.AddWithValue("$public_key", request.PublicKey);
        p.AddWithValue("$display_name", Db(request.DisplayName));
        p.AddWithValue("$platform", Db(request.Platform));
        p.AddWithValue("$device_family", Db(request.DeviceFamily));
        p.AddWithValue("$client_id", Db(request.ClientId));
        p.AddWithValue("$client_mode", Db(request.ClientMode));
        p.AddWithValue("$browser_origin", Db(request.BrowserOrigin));
        p.AddWithValue("$role", Db(request.Role));
        p.AddWithValue("$roles_json", Db(request.Roles is null ? null : ReferenceJson.StringArray(request.Roles)));
        p.AddWithValue("$scopes_json", Db(request.Scopes is null ? null : ReferenceJson.StringArray(request.Scopes)));
        p.AddWithValue("$remote_ip", Db(request.RemoteIp));
        p.AddWithValue("$silent", request.Silent is { } silent ? (silent ? 1L : 0L) : DBNull.Value);
        p.AddWithValue("$is_repair", request.IsRepair is { } repair ? (repair ? 1L : 0L) : DBNull.Value);
        p.AddWithValue("$ts", request.Ts);
        p.AddWithValue("$refreshed_at_ms", request.RefreshedAtMs is { } refreshed ? refreshed : DBNull.Value);
    }

    /// <summary>A token entry as the reference writes it: token, role, sorted scopes, createdAtMs (then optional stamps).</summary>
    public static JsonObject NewTokenEntry(string role, string token, IEnumerable<string> scopes, long createdAtMs) => new()
    {
        ["token"] = token,
        ["role"] = role,
        ["scopes"] = new JsonArray([.. NormalizeScopes(scopes).Select(s => (JsonNode)JsonValue.Create(s))]),
        ["createdAtMs"] = createdAtMs,
    };

    /// <summary>Token scopes are trimmed, de-duplicated and sorted by code unit, like the reference's normaliser.</summary>
    public static IEnumerable<string> NormalizeScopes(IEnumerable<string> scopes) =>
        scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static StoredDeviceToken? ParseToken(string role, JsonNode? node)
    {
        if (node is not JsonObject entry || entry["token"] is not JsonValue token || token.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        return new StoredDeviceToken(
            (string?)(entry["role"] as JsonValue) ?? role,
            token.GetValue<string>(),
            ReferenceJson.ParseStringArray(entry["scopes"]?.ToJsonString()) ?? [],
            Number(entry["createdAtMs"]) ?? 0,
            Number(entry["rotatedAtMs"]),
            Number(entry["revokedAtMs"]),
            Number(entry["lastUsedAtMs"]));
    }

    public static object Db(string? value) => value is null ? DBNull.Value : value;

    private static IReadOnlyList<StoredDeviceToken> ParseTokens(JsonObject tokens) =>
        [.. tokens.Select(kv => ParseToken(kv.Key, kv.Value)).OfType<StoredDeviceToken>()];

    private static long? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.TryGetValue<long>(out var whole) ? whole : (long)value.GetValue<double>()
            : null;

    private static string? Text(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static long? Int64(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);
}
