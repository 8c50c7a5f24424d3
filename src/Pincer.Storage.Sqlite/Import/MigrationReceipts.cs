using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// The reference's import receipts in the shared state DB: one <c>migration_runs</c> row per run and
/// one <c>migration_sources</c> row per source file, keyed <c>&lt;prefix&gt;:sha256(absolute path)</c>.
/// The source row is written in the same transaction as the imported rows, so a crash between commit
/// and archiving the original never imports it twice; <c>removed_source</c> flips once it is gone.
/// </summary>
internal static class MigrationReceipts
{
    public static string SourceKey(string prefix, string sourcePath) =>
        $"{prefix}:{Sha256Hex(Encoding.UTF8.GetBytes(Path.GetFullPath(sourcePath)))}";

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static bool IsCompleted(SqliteConnection connection, SqliteTransaction? transaction, string sourceKey)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT status FROM migration_sources WHERE source_key = $key";
        command.Parameters.AddWithValue("$key", sourceKey);
        return command.ExecuteScalar() as string == "completed";
    }

    public static bool HasCompletedSource(SqliteConnection connection, SqliteTransaction? transaction, string sourceKey, string sha256)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM migration_sources WHERE source_key = $key AND source_sha256 = $sha AND status = 'completed'";
        command.Parameters.AddWithValue("$key", sourceKey);
        command.Parameters.AddWithValue("$sha", sha256);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static void Record(SqliteConnection connection, SqliteTransaction transaction, Receipt receipt)
    {
        using (var run = connection.CreateCommand())
        {
            run.Transaction = transaction;
            run.CommandText = """
                INSERT INTO migration_runs (id, started_at, finished_at, status, report_json)
                VALUES ($id, $started, $finished, 'completed', $report)
                ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, status = excluded.status, report_json = excluded.report_json
                """;
            run.Parameters.AddWithValue("$id", receipt.RunId);
            run.Parameters.AddWithValue("$started", receipt.StartedAt);
            run.Parameters.AddWithValue("$finished", receipt.FinishedAt);
            run.Parameters.AddWithValue("$report", receipt.RunReportJson ?? receipt.ReportJson);
            run.ExecuteNonQuery();
        }

        using var source = connection.CreateCommand();
        source.Transaction = transaction;
        source.CommandText = """
            INSERT INTO migration_sources (source_key, migration_kind, source_path, target_table, source_sha256, source_size_bytes,
              source_record_count, last_run_id, status, imported_at, removed_source, report_json)
            VALUES ($key, $kind, $path, $table, $sha, $size, $count, $run, 'completed', $at, 0, $report)
            ON CONFLICT (source_key) DO UPDATE SET source_sha256 = excluded.source_sha256, source_size_bytes = excluded.source_size_bytes,
              source_record_count = excluded.source_record_count, last_run_id = excluded.last_run_id, status = excluded.status,
              imported_at = excluded.imported_at, removed_source = 0, report_json = excluded.report_json
            """;
        source.Parameters.AddWithValue("$key", receipt.SourceKey);
        source.Parameters.AddWithValue("$kind", receipt.MigrationKind);
        source.Parameters.AddWithValue("$path", receipt.SourcePath);
        source.Parameters.AddWithValue("$table", receipt.TargetTable);
        source.Parameters.AddWithValue("$sha", receipt.SourceSha256);
        source.Parameters.AddWithValue("$size", receipt.SourceSizeBytes);
        source.Parameters.AddWithValue("$count", receipt.SourceRecordCount);
        source.Parameters.AddWithValue("$run", receipt.RunId);
        source.Parameters.AddWithValue("$at", receipt.StartedAt);
        source.Parameters.AddWithValue("$report", receipt.ReportJson);
        source.ExecuteNonQuery();
    }

    public static async Task MarkRemovedAsync(SqliteStateDatabase state, string sourceKey, CancellationToken cancellationToken)
    {
        await state.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE migration_sources SET removed_source = 1 WHERE source_key = $key";
            command.Parameters.AddWithValue("$key", sourceKey);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One receipt; <see cref="RunReportJson"/> overrides the run's report when it differs from the source's.</summary>
    public sealed record Receipt(
        string RunId,
        string SourceKey,
        string MigrationKind,
        string SourcePath,
        string TargetTable,
        string SourceSha256,
        long SourceSizeBytes,
        long SourceRecordCount,
        long StartedAt,
        long FinishedAt,
        string ReportJson,
        string? RunReportJson = null);
}
