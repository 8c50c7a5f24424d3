using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// The shared state DB contract of openclaw@2026.9.6: schema version 18 and the DDL the reference
/// leaves behind on a fresh start (its <c>sqlite_master</c>, in rowid order). Lazily created
/// tables (user profiles, skill library, …) are absent there too; the reference adds them on use.
/// </summary>
internal static class StateSchema
{
    public const int Version = 18;

    /// <summary>The reference records content migrations ahead of <c>user_version</c> under this key.</summary>
    public const string ContentVersionKey = "state.schema.contentVersion";

    public const string ResourceName = "Pincer.Storage.Sqlite.Migrations.0018_state.sql";

    public static SchemaContract Contract { get; } = new()
    {
        DisplayName = "OpenClaw state database",
        Version = Version,
        Role = "global",
        ResourceName = ResourceName,
        ReadContentVersion = ReadContentVersion,
        CreateRefusal = static (message, path, found, supported) => new StateDatabaseRefusedException(message, path, found, supported),
    };

    public static string LoadDdl() => Contract.LoadDdl();

    private static int ReadContentVersion(SqliteConnection connection)
    {
        if (!SchemaAdmission.TableExists(connection, "config_machine_state"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = $key";
        command.Parameters.AddWithValue("$key", ContentVersionKey);
        if (command.ExecuteScalar() is not string json)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Number && document.RootElement.TryGetInt32(out var value) && value >= 0
            ? value
            : throw new StateDatabaseRefusedException(
                $"Invalid shared state schema content version {json} in {ContentVersionKey}.");
    }
}
