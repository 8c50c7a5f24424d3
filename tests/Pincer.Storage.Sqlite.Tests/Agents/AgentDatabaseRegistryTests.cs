using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class AgentDatabaseRegistryTests
{
    [Fact]
    public async Task One_database_per_agent_shared_by_every_caller()
    {
        using var dir = new AgentDir();
        await using var registry = new AgentDatabaseRegistry(dir.Root);

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => registry.GetAsync(i % 2 == 0 ? "main" : "MAIN")));
        var other = await registry.GetAsync("work");

        Assert.All(all, db => Assert.Same(all[0], db));
        Assert.NotSame(all[0], other);
        Assert.Equal(AgentDatabase.PathFor(dir.Root, "work"), other.Path);
    }

    [Fact]
    public async Task A_refused_open_is_not_remembered()
    {
        using var dir = new AgentDir();
        await using (dir.Open())
        {
        }

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, "PRAGMA user_version = 30");
        }

        SqliteConnection.ClearAllPools();
        await using var registry = new AgentDatabaseRegistry(dir.Root);
        await Assert.ThrowsAsync<AgentDatabaseRefusedException>(() => registry.GetAsync("main"));

        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, "PRAGMA user_version = 23");
        }

        SqliteConnection.ClearAllPools();
        Assert.NotNull(await registry.GetAsync("main"));
    }

    [Fact]
    public async Task Dispose_closes_what_it_opened()
    {
        using var dir = new AgentDir();
        var registry = new AgentDatabaseRegistry(dir.Root);
        var db = await registry.GetAsync("main");

        await registry.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => new SqliteSessionStore(db).CountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => registry.GetAsync("main"));
    }
}
