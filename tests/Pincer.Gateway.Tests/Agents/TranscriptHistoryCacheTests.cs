using System.Text.Json.Nodes;
using Pincer.Gateway.Agents;
using Pincer.Gateway.Sessions;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>The cached transcript a turn reads is always what the store holds: appended-to, rewritten or deleted.</summary>
public sealed class TranscriptHistoryCacheTests : IAsyncLifetime
{
    private const string Key = "agent:main:main";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pincer-history-cache-" + Guid.NewGuid().ToString("N"));
    private AgentStore _store = null!;

    public Task InitializeAsync()
    {
        var database = AgentDatabase.Open(_root, "main");
        _store = new AgentStore("main", database, new SqliteSessionStore(database), new SqliteTranscriptStore(database));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.Database.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_log_read_through_the_cache_matches_the_store_after_appends_and_a_delete()
    {
        var cache = new TranscriptHistoryCache();
        var sessionId = Guid.NewGuid().ToString();
        await AppendAsync(sessionId, TranscriptEntry.CreateHeader(sessionId, DateTimeOffset.UtcNow, _root), Message("m1", null, "one"));
        await AssertMatchesStoreAsync(cache, sessionId);

        await AppendAsync(sessionId, Message("m2", "m1", "two"), Message("m3", "m2", "three"));
        await AssertMatchesStoreAsync(cache, sessionId);
        Assert.Equal(4, cache.Held);

        // Same seqs, other entries: the cached tail no longer lines up and the log is read afresh.
        await _store.Transcripts.DeleteAsync(sessionId);
        await AppendAsync(sessionId, TranscriptEntry.CreateHeader(sessionId, DateTimeOffset.UtcNow, _root), Message("n1", null, "again"));
        await AssertMatchesStoreAsync(cache, sessionId);
        await AssertMatchesStoreAsync(cache, sessionId);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_log_and_entry_bounds()
    {
        var cache = new TranscriptHistoryCache();
        var perLog = 900;
        for (var s = 0; s < 6; s++)
        {
            var sessionId = Guid.NewGuid().ToString();
            var entries = new List<TranscriptEntry> { TranscriptEntry.CreateHeader(sessionId, DateTimeOffset.UtcNow, _root) };
            string? parent = null;
            for (var i = 1; i < perLog; i++)
            {
                var id = $"e{i}";
                entries.Add(Message(id, parent, "x"));
                parent = id;
            }

            await _store.Transcripts.AppendAsync(Key + s, sessionId, entries);
            await cache.ReadAllAsync(_store, sessionId, CancellationToken.None);
            Assert.True(cache.Held <= TranscriptHistoryCache.MaxEntries);
        }

        Assert.Equal(Math.Min(TranscriptHistoryCache.MaxLogs, TranscriptHistoryCache.MaxEntries / perLog) * perLog, cache.Held);
    }

    private async Task AssertMatchesStoreAsync(TranscriptHistoryCache cache, string sessionId)
    {
        var (log, watermark) = await cache.ReadAllAsync(_store, sessionId, CancellationToken.None);
        var stored = await _store.Transcripts.ReadAllAsync(sessionId);
        Assert.Equal(stored.Select(e => (e.Seq, e.CreatedAtMs, e.Entry.Json.ToJsonString())), log.Select(e => (e.Seq, e.CreatedAtMs, e.Entry.Json.ToJsonString())));
        Assert.Equal((await TranscriptWatermark.ReadAsync(_store.Database, sessionId)).Generation, watermark.Generation);
    }

    private Task AppendAsync(string sessionId, params TranscriptEntry[] entries) => _store.Transcripts.AppendAsync(Key, sessionId, entries);

    private static TranscriptEntry Message(string id, string? parent, string text) =>
        TranscriptEntry.CreateMessage(id, parent, DateTimeOffset.UtcNow, new JsonObject { ["role"] = "user", ["content"] = text, ["timestamp"] = 1 });
}
