using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Identity;

/// <summary>
/// Reads the CLI's device identity and stored device token without creating or changing anything,
/// as the reference's read-only commands (<c>gateway call</c>, <c>health</c>, <c>status</c>) do: no
/// state DB means no identity, and any unreadable row means "present no identity" rather than an error.
/// </summary>
public static class StoredClientDeviceAuthReader
{
    /// <param name="gatewayScope">
    /// The target's origin (<c>ws://host:port/path</c>) when tokens are bound to one gateway origin
    /// (<c>gateway_origin_device_tokens</c>), or null for the machine-wide <c>device_auth_tokens</c>.
    /// </param>
    public static StoredClientDeviceAuth? TryRead(string stateDir, string? gatewayScope = null, string role = "operator")
    {
        var path = SqliteStateDatabase.PathFor(stateDir);
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return null;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = 5,
            }.ToString());
            connection.Open();
            if (GatewayIdentityStore.Read(connection, null, GatewayIdentityStore.PrimaryKey) is not { } identity)
            {
                return null;
            }

            var (token, scopes) = ReadToken(connection, identity.DeviceId, role.Trim().ToLowerInvariant(), gatewayScope);
            return new StoredClientDeviceAuth(identity, token, scopes);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or FormatException or JsonException)
        {
            return null;
        }
    }

    private static (string? Token, IReadOnlyList<string> Scopes) ReadToken(SqliteConnection connection, string deviceId, string role, string? gatewayScope)
    {
        using var command = connection.CreateCommand();
        command.CommandText = gatewayScope is null
            ? "SELECT token, scopes_json FROM device_auth_tokens WHERE device_id = $device AND role = $role"
            : "SELECT token, scopes_json FROM gateway_origin_device_tokens WHERE gateway_scope = $scope AND device_id = $device AND role = $role";
        if (gatewayScope is not null)
        {
            command.Parameters.AddWithValue("$scope", gatewayScope);
        }

        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$role", role);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return (null, []);
        }

        // A row whose scopes are not a JSON array is ignored by the reference, token and all.
        using var scopes = JsonDocument.Parse(reader.GetString(1));
        if (scopes.RootElement.ValueKind != JsonValueKind.Array)
        {
            return (null, []);
        }

        var set = scopes.RootElement.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.String)
            .Select(s => s.GetString()!.Trim())
            .Where(s => s.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        // Stored scopes are read with their implications, as the reference normalises them.
        if (set.Contains("operator.admin"))
        {
            set.Add("operator.read");
            set.Add("operator.write");
        }
        else if (set.Contains("operator.write"))
        {
            set.Add("operator.read");
        }

        return (reader.GetString(0), [.. set.Order(StringComparer.Ordinal)]);
    }
}
