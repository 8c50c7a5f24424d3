using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// Creates a fresh reference DB exactly as the reference would: incremental auto-vacuum (set before
/// the first table), WAL, the contract's DDL and seed rows, <c>user_version</c> and the
/// <c>schema_meta</c> 'primary' row the reference checks for ownership. Built under a temporary
/// name and moved into place, so a crash never leaves a half-initialised DB that would later be
/// refused as "older".
/// </summary>
internal static class SchemaCreator
{
    public static void Create(string path, SchemaContract contract, long nowMs)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.pincer-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = temp,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString()))
            {
                connection.Open();
                SqliteStateDatabase.Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;");
                using var transaction = connection.BeginTransaction(deferred: false);
                SqliteStateDatabase.Execute(connection, contract.LoadDdl(), transaction);
                if (contract.SeedSql is { } seed)
                {
                    SqliteStateDatabase.Execute(connection, seed, transaction);
                }

                using (var meta = connection.CreateCommand())
                {
                    meta.Transaction = transaction;
                    // app_version NULL: the reference's own "metadata missing" path writes the same, and
                    // it stamps its version there on the next schema publication.
                    meta.CommandText = """
                        INSERT INTO schema_meta (meta_key, role, schema_version, agent_id, app_version, created_at, updated_at)
                        VALUES ('primary', $role, $version, $agent, NULL, $now, $now)
                        """;
                    meta.Parameters.AddWithValue("$role", contract.Role);
                    meta.Parameters.AddWithValue("$version", contract.Version);
                    meta.Parameters.AddWithValue("$agent", (object?)contract.AgentId ?? DBNull.Value);
                    meta.Parameters.AddWithValue("$now", nowMs);
                    meta.ExecuteNonQuery();
                }

                SqliteStateDatabase.Execute(connection, $"PRAGMA user_version = {contract.Version};", transaction);
                transaction.Commit();
            }

            if (contract.OwnerOnly && !OperatingSystem.IsWindows())
            {
                // Device tokens, the gateway's private key, auth profiles and transcripts live in these files.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: File.Exists(path) && new FileInfo(path).Length == 0);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Someone (the reference, another Pincer) created it first: theirs wins, ours is dropped.
                SchemaAdmission.Admit(path, contract);
            }
        }
        finally
        {
            foreach (var leftover in new[] { temp, temp + "-wal", temp + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }
}
