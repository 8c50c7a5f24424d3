using System.Text.Json.Nodes;
using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class SqliteSessionStoreTests
{
    private static SessionEntry Entry(string sessionId, long updatedAt) =>
        new(new JsonObject { ["sessionId"] = sessionId, ["updatedAt"] = updatedAt });

    [Fact]
    public async Task Unknown_fields_and_their_order_survive_a_round_trip()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);
        const string json = """{"sessionId":"s1","futureField":{"nested":[1,2.5,"ü → 🦀",null,true]},"updatedAt":1795504137260,"label":"Ünïcode <b>&</b>","delivery":{"kind":"none"},"x-plugin":{"a":1}}""";

        await store.UpsertAsync("agent:main:one", SessionEntry.Parse(json)!);

        var back = await store.GetAsync("agent:main:one");
        Assert.Equal(json, JavaScriptJson.Stringify(back!.Json));
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(json, TestStateDir.Scalar(raw, "SELECT entry_json FROM session_nodes"));
    }

    [Fact]
    public async Task Write_fills_what_the_reference_fills_and_projects_its_columns()
    {
        using var dir = new AgentDir();
        var time = new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        await using var db = dir.Open(time: time);
        var store = new SqliteSessionStore(db);
        var entry = new SessionEntry { SessionId = "s1", SessionStartedAt = 1_700_000_000_000, Label = "  Work  ", ChatType = "direct", ArchivedAt = 5 };

        await store.UpsertAsync("agent:main:main", entry);

        var stored = (await store.GetAsync("agent:main:main"))!;
        Assert.Equal(1_700_000_000_000, stored.UpdatedAt);
        Assert.Equal("none", stored.Delivery?["kind"]?.GetValue<string>());
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(["agent:main:main|s1|1|1700000000000|Work|5"], AgentDir.Rows(raw, "SELECT session_key, current_session_id, entry_valid, updated_at, label, archived_at FROM session_nodes"));
        Assert.Equal(["s1|agent:main:main|shared-main|direct|1700000000000|1|Work"], AgentDir.Rows(raw, "SELECT session_id, session_key, session_scope, chat_type, created_at, session_entry_provenance, display_name FROM session_windows"));
        Assert.Empty(await store.ListAsync(new SessionListQuery { IncludeArchived = false }));
    }

    [Fact]
    public async Task Update_runs_under_the_writer_so_concurrent_increments_are_not_lost()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);
        await store.UpsertAsync("agent:main:c", Entry("s1", 1));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => store.UpdateAsync("agent:main:c", e =>
        {
            e!.CompactionCount = (e.CompactionCount ?? 0) + 1;
            return e;
        })));

        Assert.Equal(40, (await store.GetAsync("agent:main:c"))!.CompactionCount);
        Assert.Null(await store.UpdateAsync("agent:main:absent", e => e));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_see_consistent_rows()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await store.UpsertAsync($"agent:main:w{w}-{i}", Entry($"s-{w}-{i}", (w * 100) + i));
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var list = await store.ListAsync();
                Assert.All(list, r => Assert.NotNull(r.Entry.SessionId));
            }
        }));

        await Task.WhenAll(writers.Concat(readers));

        Assert.Equal(120, await store.CountAsync());
        Assert.Equal("agent:main:w7-14", (await store.ListAsync(new SessionListQuery { Limit = 1 }))[0].SessionKey);
    }

    [Fact]
    public async Task New_session_id_for_a_key_claims_a_new_window_and_delete_removes_everything()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);
        var transcripts = new SqliteTranscriptStore(db);
        await store.UpsertAsync("agent:main:r", Entry("old", 1));
        await transcripts.AppendAsync("agent:main:r", "old", [Pincer.Sessions.Transcripts.TranscriptEntry.Parse("""{"type":"message","id":"m1","parentId":null,"timestamp":"2026-01-01T00:00:00.000Z","message":{"role":"user","content":"hello"}}""")!]);
        await store.UpsertAsync("agent:main:r", Entry("new", 2));

        using (var raw = dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(["new|agent:main:r", "old|agent:main:r"], AgentDir.Rows(raw, "SELECT session_id, session_key FROM session_windows ORDER BY session_id"));
        }

        Assert.True(await store.DeleteAsync("agent:main:r"));
        Assert.False(await store.DeleteAsync("agent:main:r"));
        using var check = dir.OpenRaw(readOnly: true);
        foreach (var table in new[] { "session_nodes", "session_windows", "transcript_events", "transcript_event_identities", "session_transcript_fts", "session_transcript_fts_rows", "session_transcript_index_state", "session_canonical_validation_pending" })
        {
            Assert.Equal("0", Assert.Single(AgentDir.Rows(check, $"SELECT count(*) FROM {table}")));
        }
    }

    [Fact]
    public async Task Entry_without_a_session_id_is_rejected_and_nothing_is_written()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("agent:main:x", new SessionEntry { Label = "no id" }));

        Assert.Equal(0, await store.CountAsync());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
