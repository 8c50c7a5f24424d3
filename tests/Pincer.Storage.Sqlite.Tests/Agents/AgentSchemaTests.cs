using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class AgentSchemaTests
{
    [Fact]
    public async Task Fresh_database_has_the_reference_pragmas_ownership_and_seed_rows()
    {
        using var dir = new AgentDir();
        await using (var db = dir.Open("Main"))
        {
            Assert.Equal(dir.DbPath(), db.Path);
            Assert.Equal("main", db.AgentId);
        }

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(23L, TestStateDir.Scalar(raw, "PRAGMA user_version"));
        Assert.Equal("wal", TestStateDir.Scalar(raw, "PRAGMA journal_mode"));
        Assert.Equal(2L, TestStateDir.Scalar(raw, "PRAGMA auto_vacuum"));
        Assert.Equal(0L, TestStateDir.Scalar(raw, "PRAGMA application_id"));
        Assert.Equal("UTF-8", TestStateDir.Scalar(raw, "PRAGMA encoding"));
        Assert.Equal("agent|23|main", TestStateDir.Scalar(raw, "SELECT role || '|' || schema_version || '|' || agent_id FROM schema_meta WHERE meta_key = 'primary'"));
        Assert.Equal(["1|main|∅|0"], AgentDir.Rows(raw, "SELECT * FROM session_key_contract"));
        Assert.Equal(["1|0"], AgentDir.Rows(raw, "SELECT * FROM memory_index_state"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.DbPath()));
        }
    }

    [Fact]
    public async Task Fresh_database_schema_is_byte_identical_to_the_reference()
    {
        using var ours = new AgentDir();
        await using (ours.Open())
        {
        }

        using var theirs = AgentDir.WithReferenceFixture();
        var mine = Catalog(ours);
        Assert.True(mine.Count > 150, $"only {mine.Count} schema objects");
        Assert.Equal(Catalog(theirs), mine);
    }

    [Fact]
    public async Task Newer_database_is_refused_without_writes()
    {
        using var dir = new AgentDir();
        await using (dir.Open())
        {
        }

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, "PRAGMA user_version = 24; PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        var before = Fingerprint(dir.DbPath());
        var error = Assert.Throws<AgentDatabaseRefusedException>(() => dir.Open());
        Assert.Contains("newer schema version 24", error.Message, StringComparison.Ordinal);
        Assert.Equal((24, 23), (error.FoundVersion, error.SupportedVersion));
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint(dir.DbPath()));
    }

    [Theory]
    [InlineData(22)]
    [InlineData(17)]
    public async Task Older_database_is_refused_with_a_pointer_to_doctor(int version)
    {
        using var dir = new AgentDir();
        await using (dir.Open())
        {
        }

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, $"PRAGMA user_version = {version}");
        }

        var error = Assert.Throws<AgentDatabaseRefusedException>(() => dir.Open());
        Assert.Contains("openclaw doctor --fix", error.Message, StringComparison.Ordinal);
        using var check = dir.OpenRaw(readOnly: true);
        Assert.Equal((long)version, TestStateDir.Scalar(check, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Database_of_another_agent_is_refused()
    {
        using var dir = new AgentDir();
        await using (dir.Open())
        {
        }

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, "UPDATE schema_meta SET agent_id = 'other'");
        }

        var error = Assert.Throws<AgentDatabaseRefusedException>(() => dir.Open());
        Assert.Contains("belongs to agent other", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../main")]
    [InlineData("a/b")]
    [InlineData("-x")]
    [InlineData(" ")]
    public void Non_canonical_agent_ids_are_rejected_before_touching_disk(string agentId)
    {
        using var dir = new AgentDir();
        Assert.ThrowsAny<ArgumentException>(() => dir.Open(agentId));
        Assert.False(Directory.Exists(Path.Combine(dir.Root, "agents")));
    }

    [Fact]
    public async Task Reference_database_is_used_as_is()
    {
        using var dir = AgentDir.WithReferenceFixture();
        await using (dir.Open())
        {
        }

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal("2026.9.6", TestStateDir.Scalar(raw, "SELECT app_version FROM schema_meta WHERE meta_key = 'primary'"));
        Assert.Equal(23L, TestStateDir.Scalar(raw, "PRAGMA user_version"));
    }

    private static List<string> Catalog(AgentDir dir)
    {
        using var raw = dir.OpenRaw(readOnly: true);
        return AgentDir.Rows(raw, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
    }

    private static string Fingerprint(string path)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return string.Join(",", files) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
