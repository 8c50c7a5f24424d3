using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>
/// Direction reference → Pincer: an agent DB openclaw@2026.9.6 wrote (sessions.create ×2,
/// sessions.patch, chat.inject of a short and of a 3 KB message — the latter stored Zstandard-compressed).
/// </summary>
public sealed class ReferenceAgentFixtureTests
{
    internal const string TestKey = "agent:main:pincer-test";
    internal const string TestSessionId = "4cd31c88-09a2-4b49-adab-c3b8e52796bb";
    internal const string SecondKey = "agent:main:second";
    internal const string LongMessageId = "a9da0c20-39e0-48c3-83c7-da37e0ceadc0";

    [Fact]
    public async Task Sessions_read_back_with_every_field_the_reference_wrote()
    {
        using var dir = AgentDir.WithReferenceFixture();
        await using var db = dir.Open();
        var store = new SqliteSessionStore(db);

        var entry = await store.GetAsync(TestKey);
        Assert.NotNull(entry);
        Assert.Equal(TestSessionId, entry.SessionId);
        Assert.Equal(("Hello", "low", "operator", "agent:main:main"), (entry.Label, entry.ThinkingLevel, entry.CreatedVia, entry.ParentSessionKey));
        Assert.Equal((1795504137260L, 1795504132586L), (entry.UpdatedAt!.Value, entry.CreatedAt!.Value));
        Assert.Equal("default", entry.ModelOverrideSource);
        Assert.Equal("none", entry.Delivery?["kind"]?.GetValue<string>());
        Assert.Equal("pending", entry.Json["sessionDiffBaselineCapture"]?["status"]?.GetValue<string>());

        // Lossless: the entry re-serialises to the exact stored text.
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(TestStateDir.Scalar(raw, $"SELECT entry_json FROM session_nodes WHERE session_key = '{TestKey}'"), JavaScriptJson.Stringify(entry.Json));

        var list = await store.ListAsync();
        Assert.Equal([SecondKey, TestKey], list.Select(r => r.SessionKey));
        Assert.Equal(2, await store.CountAsync());
        Assert.Equal([SecondKey], (await store.ListAsync(new SessionListQuery { Limit = 1 })).Select(r => r.SessionKey));
        Assert.Equal([TestKey], (await store.ListAsync(new SessionListQuery { Offset = 1, Limit = 5 })).Select(r => r.SessionKey));
        Assert.Null(await store.GetAsync("agent:main:absent"));
    }

    [Fact]
    public async Task Transcript_reads_back_including_the_compressed_event()
    {
        using var dir = AgentDir.WithReferenceFixture();
        await using var db = dir.Open();
        var store = new SqliteTranscriptStore(db);

        var all = await store.ReadAllAsync(TestSessionId);
        Assert.Equal([0L, 1L, 2L], all.Select(e => e.Seq));
        Assert.True(all[0].Entry.IsHeader);
        Assert.Equal(TestSessionId, all[0].Entry.Id);
        Assert.Equal(4, all[0].Entry.Json["version"]!.GetValue<int>());
        Assert.Equal(1795504132587L, all[0].CreatedAtMs);

        Assert.Equal(("assistant", "injected hi", (string?)null), (all[1].Entry.Role, all[1].Entry.Text, all[1].Entry.ParentId));
        Assert.Equal(1795504132886L, all[1].CreatedAtMs);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795504132886), all[1].Entry.Timestamp);

        var longMessage = all[2].Entry;
        Assert.Equal(LongMessageId, longMessage.Id);
        Assert.Equal(all[1].Entry.Id, longMessage.ParentId);
        Assert.Equal(3289, longMessage.Text!.Length);
        Assert.StartsWith("The quick brown fox jumps over the lazy dog number 0.", longMessage.Text, StringComparison.Ordinal);

        Assert.Equal(3L, await store.CountAsync(TestSessionId));
        Assert.Equal([2L], (await store.ReadTailAsync(TestSessionId, 1)).Select(e => e.Seq));
        Assert.Equal([1L, 2L], (await store.ReadTailAsync(TestSessionId, 2)).Select(e => e.Seq));
        Assert.Equal(2L, (await store.FindAsync(TestSessionId, LongMessageId))?.Seq);
        Assert.Null(await store.FindAsync(TestSessionId, "nope"));
        Assert.Empty(await store.ReadAllAsync("no-such-session"));
    }
}
