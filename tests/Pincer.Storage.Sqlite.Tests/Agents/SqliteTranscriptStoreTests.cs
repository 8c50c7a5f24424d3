using System.Text.Json.Nodes;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class SqliteTranscriptStoreTests
{
    private const string Key = "agent:main:t";
    private const string Sid = "sid-1";

    private static TranscriptEntry Message(string id, string? parent, string role, string text, int second = 0) =>
        TranscriptEntry.CreateMessage(id, parent, DateTimeOffset.FromUnixTimeSeconds(1_790_000_000 + second),
            new JsonObject { ["role"] = role, ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) });

    private static TranscriptEntry Header() => TranscriptEntry.CreateHeader(Sid, DateTimeOffset.FromUnixTimeSeconds(1_790_000_000), "/work");

    [Fact]
    public async Task Appends_are_ordered_idempotent_by_id_and_keep_unknown_kinds()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteTranscriptStore(db);
        var custom = TranscriptEntry.Parse("""{"type":"custom","customType":"x-future","id":"f1","parentId":"m2","timestamp":"2026-01-01T00:00:00.000Z","data":{"deep":[1,{"z":"ü"}]},"x-extra":true}""")!;

        Assert.Equal(3, await store.AppendAsync(Key, Sid, [Header(), Message("m1", null, "user", "hi"), Message("m2", "m1", "assistant", "hello", 1)]));
        Assert.Equal(1, await store.AppendAsync(Key, Sid, [Message("m2", "m1", "assistant", "dup"), custom]));

        var all = await store.ReadAllAsync(Sid);
        Assert.Equal(["session", "message", "message", "custom"], all.Select(e => e.Entry.Type));
        Assert.Equal("hello", all[2].Entry.Text);
        Assert.Equal(custom.Json.ToJsonString(), all[3].Entry.Json.ToJsonString());
        Assert.Equal(1_790_000_001_000, all[2].CreatedAtMs);
        Assert.Equal(4L, await store.CountAsync(Sid));

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(["3|f1|0|3|2"], AgentDir.Rows(raw, $"SELECT indexed_seq, leaf_event_id, needs_rebuild, active_event_count, active_message_count FROM session_transcript_index_state"));
        Assert.Equal(["hi|user", "hello|assistant"], AgentDir.Rows(raw, "SELECT text, role FROM session_transcript_fts ORDER BY rowid"));
        Assert.Equal(["{}|-1"], AgentDir.Rows(raw, "SELECT entry_json, entry_valid FROM session_nodes"));
    }

    [Fact]
    public async Task A_branch_leaves_the_projection_for_the_reference_to_rebuild()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteTranscriptStore(db);
        await store.AppendAsync(Key, Sid, [Header(), Message("m1", null, "user", "a"), Message("m2", "m1", "assistant", "b")]);

        await store.AppendAsync(Key, Sid, [Message("m3", "m1", "assistant", "rewrite")]);

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(["1|2"], AgentDir.Rows(raw, "SELECT needs_rebuild, indexed_seq FROM session_transcript_index_state"));
        Assert.Equal(4L, await store.CountAsync(Sid));

        // A kind the reference does not know cannot be placed on the active branch: it rebuilds instead.
        await store.AppendAsync(Key, Sid, [TranscriptEntry.Parse("""{"type":"x-future","id":"f2","parentId":"f1"}""")!]);
        Assert.Equal(["1"], AgentDir.Rows(raw, "SELECT needs_rebuild FROM session_transcript_index_state"));
    }

    [Fact]
    public async Task Delete_removes_the_log_and_its_projection_and_rotates_the_generation()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteTranscriptStore(db);
        await store.AppendAsync(Key, Sid, [Header(), Message("m1", null, "user", "a")]);
        string Generation()
        {
            using var raw = dir.OpenRaw(readOnly: true);
            return Assert.Single(AgentDir.Rows(raw, "SELECT generation FROM transcript_rewrite_watermarks"));
        }

        var before = Generation();
        Assert.Equal(2, await store.DeleteAsync(Sid));

        Assert.NotEqual(before, Generation());
        Assert.Empty(await store.ReadAllAsync(Sid));
        using var check = dir.OpenRaw(readOnly: true);
        Assert.Equal(["0|0|0"], AgentDir.Rows(check, "SELECT (SELECT count(*) FROM session_transcript_fts), (SELECT count(*) FROM transcript_event_identities), (SELECT count(*) FROM session_transcript_index_state)"));
    }

    [Fact]
    public async Task Concurrent_appenders_to_different_sessions_and_readers_do_not_interfere()
    {
        using var dir = new AgentDir();
        await using var db = dir.Open();
        var store = new SqliteTranscriptStore(db);

        var writers = Enumerable.Range(0, 6).Select(s => Task.Run(async () =>
        {
            string? parent = null;
            for (var i = 0; i < 20; i++)
            {
                var id = $"s{s}-m{i}";
                await store.AppendAsync($"agent:main:s{s}", $"sid-{s}", [Message(id, parent, i % 2 == 0 ? "user" : "assistant", $"text {i}", i)]);
                parent = id;
            }
        }));
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var tail = await store.ReadTailAsync("sid-0", 5);
                Assert.True(tail.Count <= 5);
            }
        }));
        await Task.WhenAll(writers.Concat(readers));

        for (var s = 0; s < 6; s++)
        {
            var all = await store.ReadAllAsync($"sid-{s}");
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), all.Select(e => e.Seq));
        }

        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal("0", Assert.Single(AgentDir.Rows(raw, "SELECT count(*) FROM session_transcript_index_state WHERE needs_rebuild != 0")));
        Assert.Equal("120", Assert.Single(AgentDir.Rows(raw, "SELECT count(*) FROM session_transcript_fts_rows")));
    }

    [Fact]
    public async Task Dispose_waits_for_the_write_in_flight()
    {
        using var dir = new AgentDir();
        var db = dir.Open();
        var store = new SqliteTranscriptStore(db);
        var append = store.AppendAsync(Key, Sid, [Header(), Message("m1", null, "user", "a")]);

        await db.DisposeAsync();

        Assert.Equal(2, await append);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CountAsync(Sid));
    }
}
