using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Json;

namespace Pincer.Storage.Sqlite.Devices;

/// <summary>
/// Paired devices, their per-role tokens and pending pairing requests, in the reference's
/// <c>device_pairing_paired</c> / <c>device_pairing_pending</c> tables. Every mutation is one
/// IMMEDIATE transaction that rewrites only the columns it owns, so fields Pincer does not model
/// (node surfaces, browser origin, token issuers) survive a Pincer ↔ reference round trip.
/// </summary>
public sealed class DeviceRecordStore(SqliteStateDatabase database)
{
    public Task<StoredPairedDevice?> FindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindPaired(connection, null, deviceId), cancellationToken);

    /// <summary>Paired devices, most recently approved first (the reference's index order).</summary>
    public Task<IReadOnlyList<StoredPairedDevice>> ListPairedAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredPairedDevice>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DeviceRows.PairedColumns} FROM device_pairing_paired ORDER BY approved_at_ms DESC, device_id";
            using var reader = command.ExecuteReader();
            var devices = new List<StoredPairedDevice>();
            while (reader.Read())
            {
                devices.Add(DeviceRows.ReadPaired(reader));
            }

            return devices;
        }, cancellationToken);

    /// <summary>Pending requests, oldest first.</summary>
    public Task<IReadOnlyList<StoredPairingRequest>> ListPendingAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredPairingRequest>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DeviceRows.PendingColumns} FROM device_pairing_pending ORDER BY ts, request_id";
            using var reader = command.ExecuteReader();
            var requests = new List<StoredPairingRequest>();
            while (reader.Read())
            {
                requests.Add(DeviceRows.ReadPending(reader));
            }

            return requests;
        }, cancellationToken);

    /// <summary>
    /// Approves (or widens) a device for a role: adds the role, unions the scopes into both the
    /// granted set and the approval baseline, and issues a fresh token for the role.
    /// </summary>
    public Task<StoredDeviceToken> ApproveAsync(DeviceApproval approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return database.WriteAsync((connection, transaction) =>
        {
            var now = database.NowMs;
            var existing = FindPaired(connection, transaction, approval.DeviceId);
            var roles = (existing?.Roles ?? []).Append(approval.Role).Distinct(StringComparer.Ordinal).ToList();
            var scopes = (existing?.Scopes ?? []).Concat(approval.Scopes).Distinct(StringComparer.Ordinal).ToList();
            var approvedScopes = (existing?.ApprovedScopes ?? existing?.Scopes ?? []).Concat(approval.Scopes).Distinct(StringComparer.Ordinal).ToList();
            var tokens = existing is null ? [] : ReadTokensJson(connection, transaction, approval.DeviceId);
            var token = NewToken();
            tokens[approval.Role] = DeviceRows.NewTokenEntry(approval.Role, token, scopes, now);

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = existing is null
                ? $"""
                   INSERT INTO device_pairing_paired ({DeviceRows.PairedColumns})
                   VALUES ($device_id, $public_key, $display_name, NULL, $platform, $device_family, $client_id, $client_mode,
                           NULL, $role, $roles_json, $scopes_json, $approved_scopes_json, $remote_ip, $tokens_json, $approved_via,
                           $now, $now, NULL, NULL)
                   """
                : """
                  UPDATE device_pairing_paired SET
                    public_key = $public_key,
                    display_name = coalesce($display_name, display_name),
                    platform = coalesce($platform, platform),
                    device_family = coalesce($device_family, device_family),
                    client_id = coalesce($client_id, client_id),
                    client_mode = coalesce($client_mode, client_mode),
                    remote_ip = coalesce($remote_ip, remote_ip),
                    role = $role, roles_json = $roles_json, scopes_json = $scopes_json,
                    approved_scopes_json = $approved_scopes_json, tokens_json = $tokens_json,
                    approved_via = $approved_via, approved_at_ms = $now
                  WHERE device_id = $device_id
                  """;
            var p = command.Parameters;
            p.AddWithValue("$device_id", approval.DeviceId);
            p.AddWithValue("$public_key", approval.PublicKey);
            p.AddWithValue("$display_name", DeviceRows.Db(approval.DisplayName));
            p.AddWithValue("$platform", DeviceRows.Db(approval.Platform));
            p.AddWithValue("$device_family", DeviceRows.Db(approval.DeviceFamily));
            p.AddWithValue("$client_id", DeviceRows.Db(approval.ClientId));
            p.AddWithValue("$client_mode", DeviceRows.Db(approval.ClientMode));
            p.AddWithValue("$remote_ip", DeviceRows.Db(approval.RemoteIp));
            p.AddWithValue("$role", approval.Role);
            p.AddWithValue("$roles_json", ReferenceJson.StringArray(roles));
            p.AddWithValue("$scopes_json", ReferenceJson.StringArray(scopes));
            p.AddWithValue("$approved_scopes_json", ReferenceJson.StringArray(approvedScopes));
            p.AddWithValue("$tokens_json", ReferenceJson.Stringify(tokens));
            p.AddWithValue("$approved_via", approval.ApprovedVia);
            p.AddWithValue("$now", now);
            command.ExecuteNonQuery();
            return DeviceRows.ParseToken(approval.Role, tokens[approval.Role])!;
        }, cancellationToken);
    }

    /// <summary>
    /// Issues a new secret for a role the device is approved for (<c>device.token.rotate</c>): keeps the
    /// entry's createdAtMs, stamps rotatedAtMs, clears a revocation. Null when the device or role is unknown.
    /// </summary>
    public Task<StoredDeviceToken?> RotateTokenAsync(string deviceId, string role, IReadOnlyList<string>? scopes = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            var device = FindPaired(connection, transaction, deviceId);
            if (device is null || !device.Roles.Contains(role, StringComparer.Ordinal))
            {
                return null;
            }

            var now = database.NowMs;
            var tokens = ReadTokensJson(connection, transaction, deviceId);
            var newScopes = DeviceRows.NormalizeScopes(scopes ?? device.Scopes).Select(s => (JsonNode)JsonValue.Create(s));
            if (tokens[role] is JsonObject entry)
            {
                entry["token"] = NewToken();
                entry["scopes"] = new JsonArray([.. newScopes]);
                entry["rotatedAtMs"] = now;
                entry.Remove("revokedAtMs");
            }
            else
            {
                tokens[role] = DeviceRows.NewTokenEntry(role, NewToken(), scopes ?? device.Scopes, now);
            }

            WriteTokensJson(connection, transaction, deviceId, tokens);
            return DeviceRows.ParseToken(role, tokens[role]);
        }, cancellationToken);

    /// <summary>Marks the role's token revoked (the secret is kept, as the reference does). Returns revokedAtMs, or null.</summary>
    public Task<long?> RevokeTokenAsync(string deviceId, string role, CancellationToken cancellationToken = default) =>
        database.WriteAsync<long?>((connection, transaction) =>
        {
            var tokens = ReadTokensJson(connection, transaction, deviceId);
            if (tokens[role] is not JsonObject entry)
            {
                return null;
            }

            var now = database.NowMs;
            entry["revokedAtMs"] = now;
            WriteTokensJson(connection, transaction, deviceId, tokens);
            return now;
        }, cancellationToken);

    /// <summary>
    /// Records presence. After a successful device-token auth pass <paramref name="usedTokenRole"/>:
    /// the reference then also stamps the token's lastUsedAtMs (and uses reason "device-token-auth").
    /// </summary>
    public Task<bool> TouchAsync(string deviceId, string reason, string? usedTokenRole = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            var now = database.NowMs;
            if (usedTokenRole is not null)
            {
                var tokens = ReadTokensJson(connection, transaction, deviceId);
                if (tokens[usedTokenRole] is JsonObject entry)
                {
                    entry["lastUsedAtMs"] = now;
                    WriteTokensJson(connection, transaction, deviceId, tokens);
                }
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE device_pairing_paired SET last_seen_at_ms = $now, last_seen_reason = $reason WHERE device_id = $device_id";
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$device_id", deviceId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM device_pairing_paired WHERE device_id = $device_id", deviceId, null, cancellationToken);

    /// <summary><c>device.pair.rename</c>: the reference stores the label in <c>operator_label</c>, leaving the device's own display name.</summary>
    public Task<bool> RenameAsync(string deviceId, string label, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE device_pairing_paired SET operator_label = $value WHERE device_id = $device_id", deviceId, label, cancellationToken);

    /// <summary>
    /// Adds a pending request, or refreshes the open one for the same device and role: the request id
    /// and original ts are kept, <c>refreshed_at_ms</c> is set, so a reconnecting device does not pile up requests.
    /// </summary>
    public Task<StoredPairingRequest> AddPendingAsync(StoredPairingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return database.WriteAsync((connection, transaction) =>
        {
            StoredPairingRequest? existing = null;
            using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = $"SELECT {DeviceRows.PendingColumns} FROM device_pairing_pending WHERE device_id = $device_id AND role IS $role ORDER BY ts DESC LIMIT 1";
                find.Parameters.AddWithValue("$device_id", request.DeviceId);
                find.Parameters.AddWithValue("$role", DeviceRows.Db(request.Role));
                using var reader = find.ExecuteReader();
                if (reader.Read())
                {
                    existing = DeviceRows.ReadPending(reader);
                }
            }

            var stored = existing is null
                ? request
                : request with { RequestId = existing.RequestId, Ts = existing.Ts, RefreshedAtMs = request.Ts };
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT OR REPLACE INTO device_pairing_pending ({DeviceRows.PendingColumns})
                VALUES ($request_id, $device_id, $public_key, $display_name, $platform, $device_family, $client_id, $client_mode,
                        $browser_origin, $role, $roles_json, $scopes_json, $remote_ip, $silent, $is_repair, $ts, $refreshed_at_ms)
                """;
            DeviceRows.BindPending(command, stored);
            command.ExecuteNonQuery();
            return stored;
        }, cancellationToken);
    }

    /// <summary>Removes and returns a pending request (approve/reject), or null when it is gone.</summary>
    public Task<StoredPairingRequest?> TakePendingAsync(string requestId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM device_pairing_pending WHERE request_id = $request_id RETURNING {DeviceRows.PendingColumns}";
            command.Parameters.AddWithValue("$request_id", requestId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? DeviceRows.ReadPending(reader) : null;
        }, cancellationToken);

    /// <summary>Device tokens are 32 random bytes, base64url without padding (43 characters), as the reference issues them.</summary>
    private static string NewToken() =>
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private Task<bool> ExecuteAsync(string sql, string deviceId, string? value, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$device_id", deviceId);
            if (value is not null)
            {
                command.Parameters.AddWithValue("$value", value);
            }

            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private static StoredPairedDevice? FindPaired(SqliteConnection connection, SqliteTransaction? transaction, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {DeviceRows.PairedColumns} FROM device_pairing_paired WHERE device_id = $device_id";
        command.Parameters.AddWithValue("$device_id", deviceId.Trim());
        using var reader = command.ExecuteReader();
        return reader.Read() ? DeviceRows.ReadPaired(reader) : null;
    }

    /// <summary>The raw tokens object, so entries keep fields Pincer does not model (issuer, …) and their order.</summary>
    private static JsonObject ReadTokensJson(SqliteConnection connection, SqliteTransaction transaction, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT tokens_json FROM device_pairing_paired WHERE device_id = $device_id";
        command.Parameters.AddWithValue("$device_id", deviceId);
        return ReferenceJson.ParseObject(command.ExecuteScalar() as string);
    }

    private static void WriteTokensJson(SqliteConnection connection, SqliteTransaction transaction, string deviceId, JsonObject tokens)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE device_pairing_paired SET tokens_json = $tokens WHERE device_id = $device_id";
        command.Parameters.AddWithValue("$tokens", ReferenceJson.Stringify(tokens));
        command.Parameters.AddWithValue("$device_id", deviceId);
        command.ExecuteNonQuery();
    }
}
