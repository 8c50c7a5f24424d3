using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// Creates a fresh state DB exactly as the reference would: incremental auto-vacuum (set before the
/// first table), WAL, the schema-18 DDL, <c>user_version = 18</c> and the <c>schema_meta</c>
/// 'primary' row the reference checks for ownership. Built under a temporary name and moved into
/// place, so a crash never leaves a half-initialised DB that would later be refused as "older".
/// </summary>
internal static class StateDatabaseCreator
{
    public static void Create(string path, long nowMs)
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
                SqliteStateDatabase.Execute(connection, StateSchema.LoadDdl(), transaction);
                using (var meta = connection.CreateCommand())
                {
                    meta.Transaction = transaction;
                    // app_version NULL: the reference's own "metadata missing" path writes the same, and
                    // it stamps its version there on the next schema publication.
                    meta.CommandText = """
                        INSERT INTO schema_meta (meta_key, role, schema_version, agent_id, app_version, created_at, updated_at)
                        VALUES ('primary', 'global', $version, NULL, NULL, $now, $now)
                        """;
                    meta.Parameters.AddWithValue("$version", StateSchema.Version);
                    meta.Parameters.AddWithValue("$now", nowMs);
                    meta.ExecuteNonQuery();
                }

                SqliteStateDatabase.Execute(connection, $"PRAGMA user_version = {StateSchema.Version};", transaction);
                transaction.Commit();
            }

            if (!OperatingSystem.IsWindows())
            {
                // Device tokens and the gateway's private key live here.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: File.Exists(path) && new FileInfo(path).Length == 0);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Someone (the reference, another Pincer) created it first: theirs wins, ours is dropped.
                StateDatabaseAdmission.Admit(path);
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
