using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// Decides, read-only, whether an existing state DB is one Pincer may use: the reference's
/// effective version is max(<c>user_version</c>, the content version it records in
/// <c>config_machine_state</c>), and the 'primary' <c>schema_meta</c> row must say role 'global'.
/// </summary>
internal static class StateDatabaseAdmission
{
    public static void Admit(string path)
    {
        // The common refusal (a newer build already upgraded this DB) is decided from the file header
        // alone: even a read-only SQLite open of a WAL database creates -wal/-shm side files, and a
        // refused DB should be left exactly as found. A non-empty WAL may hold a newer page 1, so then
        // the header is not trusted and SQLite reads through the WAL below.
        if (!HasPendingWal(path) && ReadHeaderUserVersion(path) is { } headerVersion && headerVersion != StateSchema.Version)
        {
            Refuse(path, headerVersion);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var userVersion = (int)SqliteStateDatabase.ScalarInt64(connection, "PRAGMA user_version");
        var version = Math.Max(userVersion, ReadContentVersion(connection));
        if (version != StateSchema.Version)
        {
            Refuse(path, version);
        }

        var role = ReadPrimaryRole(connection);
        if (role != "global")
        {
            throw new StateDatabaseRefusedException(
                $"The OpenClaw state database {path} has schema role {role ?? "missing"}; expected global. "
                + "Run `openclaw doctor --fix` with the OpenClaw reference to repair it; nothing was changed.",
                path, version, StateSchema.Version);
        }
    }

    private static void Refuse(string path, int version)
    {
        if (version > StateSchema.Version)
        {
            throw new StateDatabaseRefusedException(
                $"The OpenClaw state database {path} uses newer schema version {version}; this Pincer build supports {StateSchema.Version}. "
                + "Use a Pincer (or OpenClaw) build that supports that schema with this state directory; nothing was changed.",
                path, version, StateSchema.Version);
        }

        throw new StateDatabaseRefusedException(
            $"The OpenClaw state database {path} uses older schema version {version}; this Pincer build needs {StateSchema.Version} and does not migrate. "
            + "Run `openclaw doctor --fix` with the OpenClaw reference (2026.9.6 or newer) to migrate it, then start Pincer again; nothing was changed.",
            path, version, StateSchema.Version);
    }

    private static bool HasPendingWal(string path) => new FileInfo(path + "-wal") is { Exists: true, Length: > 0 };

    /// <summary><c>PRAGMA user_version</c> as stored in the header: big-endian int at offset 60.</summary>
    private static int? ReadHeaderUserVersion(string path)
    {
        Span<byte> header = stackalloc byte[64];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            return null;
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[60..]);
    }

    private static int ReadContentVersion(SqliteConnection connection)
    {
        if (!TableExists(connection, "config_machine_state"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = $key";
        command.Parameters.AddWithValue("$key", StateSchema.ContentVersionKey);
        if (command.ExecuteScalar() is not string json)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Number && document.RootElement.TryGetInt32(out var value) && value >= 0
            ? value
            : throw new StateDatabaseRefusedException(
                $"Invalid shared state schema content version {json} in {StateSchema.ContentVersionKey}.");
    }

    private static string? ReadPrimaryRole(SqliteConnection connection)
    {
        if (!TableExists(connection, "schema_meta"))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role FROM schema_meta WHERE meta_key = 'primary' LIMIT 1";
        return command.ExecuteScalar() as string;
    }

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
