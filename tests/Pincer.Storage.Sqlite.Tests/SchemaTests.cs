using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Tests;

public sealed class SchemaTests
{
    /// <summary>Tables the reference creates lazily on first device connect; present in the fixture, not in a fresh DB.</summary>
    private static readonly HashSet<string> LazyReferenceTables = ["user_profiles", "user_profile_emails", "user_profile_identities"];

    [Fact]
    public void Fresh_database_has_the_reference_pragmas_and_ownership_row()
    {
        using var dir = new TestStateDir();
        using (SqliteStateDatabase.Open(dir.Root))
        {
        }

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(18L, TestStateDir.Scalar(raw, "PRAGMA user_version"));
        Assert.Equal("wal", TestStateDir.Scalar(raw, "PRAGMA journal_mode"));
        Assert.Equal(2L, TestStateDir.Scalar(raw, "PRAGMA auto_vacuum"));
        Assert.Equal(0L, TestStateDir.Scalar(raw, "PRAGMA application_id"));
        Assert.Equal("global|18", TestStateDir.Scalar(raw, "SELECT role || '|' || schema_version FROM schema_meta WHERE meta_key = 'primary'"));
    }

    [Fact]
    public void Fresh_database_schema_is_byte_identical_to_the_reference()
    {
        using var ours = new TestStateDir();
        using (SqliteStateDatabase.Open(ours.Root))
        {
        }

        using var theirs = TestStateDir.WithReferenceFixture();
        var mine = Catalog(ours);
        var reference = Catalog(theirs);
        Assert.True(mine.Count > 300, $"only {mine.Count} schema objects");
        Assert.Equal(reference.Where(o => !LazyReferenceTables.Contains(o.Table)).ToList(), mine);
    }

    [Fact]
    public void Newer_database_is_refused_without_writes()
    {
        using var dir = new TestStateDir();
        using (SqliteStateDatabase.Open(dir.Root))
        {
        }

        using (var raw = dir.OpenRaw())
        {
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 19; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var before = Fingerprint(dir.DbPath);
        var error = Assert.Throws<StateDatabaseRefusedException>(() => SqliteStateDatabase.Open(dir.Root));
        Assert.Contains("newer schema version 19", error.Message, StringComparison.Ordinal);
        Assert.Equal(19, error.FoundVersion);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint(dir.DbPath));
    }

    [Fact]
    public void Newer_content_version_recorded_by_the_reference_is_refused()
    {
        using var dir = new TestStateDir();
        using (SqliteStateDatabase.Open(dir.Root))
        {
        }

        using (var raw = dir.OpenRaw())
        {
            using var command = raw.CreateCommand();
            command.CommandText = "INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES ('state.schema.contentVersion', '20', 1)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StateDatabaseRefusedException>(() => SqliteStateDatabase.Open(dir.Root));
        Assert.Equal(20, error.FoundVersion);
    }

    [Fact]
    public void Older_database_is_refused_with_a_pointer_to_doctor()
    {
        using var dir = new TestStateDir();
        using (SqliteStateDatabase.Open(dir.Root))
        {
        }

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, "PRAGMA user_version = 17");
        }

        var error = Assert.Throws<StateDatabaseRefusedException>(() => SqliteStateDatabase.Open(dir.Root));
        Assert.Contains("openclaw doctor --fix", error.Message, StringComparison.Ordinal);
        using var check = dir.OpenRaw(readOnly: true);
        Assert.Equal(17L, TestStateDir.Scalar(check, "PRAGMA user_version"));
    }

    [Fact]
    public void Existing_database_at_18_is_used_as_is()
    {
        using var dir = TestStateDir.WithReferenceFixture();
        using (SqliteStateDatabase.Open(dir.Root))
        {
        }

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal("2026.9.6", TestStateDir.Scalar(raw, "SELECT app_version FROM schema_meta WHERE meta_key = 'primary'"));
        Assert.Equal(3L, TestStateDir.Scalar(raw, "SELECT count(*) FROM schema_meta"));
    }

    private static List<(string Type, string Name, string Table, string? Sql)> Catalog(TestStateDir dir)
    {
        using var raw = dir.OpenRaw(readOnly: true);
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    private static string Fingerprint(string path)
    {
        // Every file beside the DB (no -wal/-shm may appear) plus the DB's bytes.
        var files = Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return string.Join(",", files) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
