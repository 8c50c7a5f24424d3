using System.Text.Json.Nodes;
using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class AgentDatabaseCloseTests
{
    [Fact]
    public async Task A_clean_close_folds_the_wal_into_the_file_and_removes_it_even_after_pooled_reads()
    {
        using var dir = new AgentDir();
        var path = dir.DbPath();
        var db = dir.Open();
        var store = new SqliteSessionStore(db);
        for (var i = 0; i < 20; i++)
        {
            await store.UpsertAsync($"agent:main:s{i}", new SessionEntry(new JsonObject { ["sessionId"] = $"id{i}", ["updatedAt"] = 1_800_000_000_000 + i }));
            // Reads leave pooled read-only connections open, which used to outlive the writer and keep the WAL.
            Assert.NotNull(await store.GetAsync($"agent:main:s{i}"));
        }

        Assert.True(File.Exists(path + "-wal"));
        await db.DisposeAsync();

        Assert.False(File.Exists(path + "-wal"));
        Assert.False(File.Exists(path + "-shm"));
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(20L, TestStateDir.Scalar(raw, "SELECT count(*) FROM session_nodes"));
    }

    [Fact]
    public async Task The_state_database_closes_to_a_single_file_too()
    {
        using var dir = new TestStateDir();
        var db = SqliteStateDatabase.Open(dir.Root);
        var path = db.Path;
        await db.DisposeAsync();

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + "-wal"));
        Assert.False(File.Exists(path + "-shm"));
    }
}
