using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// Decides, read-only, whether an existing reference DB is one Pincer may use: its effective
/// version (max of <c>user_version</c> and any content version the contract knows about) must be
/// exactly the contract's, and the 'primary' <c>schema_meta</c> row must claim the contract's role
/// (and owning agent, for per-agent DBs). Pincer does not migrate: older files go to the reference's
/// <c>openclaw doctor --fix</c>, newer ones to a newer build.
/// </summary>
internal static class SchemaAdmission
{
    public static void Admit(string path, SchemaContract contract)
    {
        // The common refusal (a newer build already upgraded this DB) is decided from the file header
        // alone: even a read-only SQLite open of a WAL database creates -wal/-shm side files, and a
        // refused DB should be left exactly as found. A non-empty WAL may hold a newer page 1, so then
        // the header is not trusted and SQLite reads through the WAL below.
        if (!HasPendingWal(path) && ReadHeaderUserVersion(path) is { } headerVersion && headerVersion != contract.Version)
        {
            Refuse(path, headerVersion, contract);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var userVersion = (int)SqliteStateDatabase.ScalarInt64(connection, "PRAGMA user_version");
        var version = Math.Max(userVersion, contract.ReadContentVersion?.Invoke(connection) ?? 0);
        if (version != contract.Version)
        {
            Refuse(path, version, contract);
        }

        var (role, agentId) = ReadPrimaryOwner(connection);
        if (role != contract.Role)
        {
            throw contract.CreateRefusal(
                $"The {contract.DisplayName} {path} has schema role {role ?? "missing"}; expected {contract.Role}. "
                + "Run `openclaw doctor --fix` with the OpenClaw reference to repair it; nothing was changed.",
                path, version, contract.Version);
        }

        if (contract.AgentId is { } expectedAgent && !string.Equals(agentId?.Trim(), expectedAgent, StringComparison.OrdinalIgnoreCase))
        {
            throw contract.CreateRefusal(
                $"The {contract.DisplayName} {path} belongs to agent {agentId ?? "(none)"}; requested agent {expectedAgent}. Nothing was changed.",
                path, version, contract.Version);
        }
    }

    private static void Refuse(string path, int version, SchemaContract contract)
    {
        if (version > contract.Version)
        {
            throw contract.CreateRefusal(
                $"The {contract.DisplayName} {path} uses newer schema version {version}; this Pincer build supports {contract.Version}. "
                + "Use a Pincer (or OpenClaw) build that supports that schema with this state directory; nothing was changed.",
                path, version, contract.Version);
        }

        throw contract.CreateRefusal(
            $"The {contract.DisplayName} {path} uses older schema version {version}; this Pincer build needs {contract.Version} and does not migrate. "
            + "Run `openclaw doctor --fix` with the OpenClaw reference (2026.9.6 or newer) to migrate it, then start Pincer again; nothing was changed.",
            path, version, contract.Version);
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

    private static (string? Role, string? AgentId) ReadPrimaryOwner(SqliteConnection connection)
    {
        if (!TableExists(connection, "schema_meta"))
        {
            return (null, null);
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, agent_id FROM schema_meta WHERE meta_key = 'primary' LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : (null, null);
    }

    internal static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
