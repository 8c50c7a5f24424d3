using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>Reference → Pincer for a real agent turn (chat.send against a fake OpenAI-compatible provider).</summary>
public sealed class ReferenceRunFixtureTests
{
    private const string SessionId = "89e92f98-95e1-44d0-b3fa-c6615de0ce7e";

    [Fact]
    public async Task Main_session_entry_exposes_the_run_facts()
    {
        using var dir = AgentDir.WithReferenceFixture(AgentDir.ReferenceRunFixture);
        await using var db = dir.Open();

        var entry = await new SqliteSessionStore(db).GetAsync("agent:main:main");

        Assert.NotNull(entry);
        Assert.Equal(SessionId, entry.SessionId);
        Assert.Equal(("direct", "fake", "fake-1"), (entry.ChatType, entry.ModelProvider, entry.Model));
        Assert.Equal((12L, 5L, 12L, 128000L, 0L), (entry.InputTokens!.Value, entry.OutputTokens!.Value, entry.TotalTokens!.Value, entry.ContextTokens!.Value, entry.CompactionCount!.Value));
        Assert.Equal((1795505148275L, 1795505148275L, 1795505168823L), (entry.SessionStartedAt!.Value, entry.LastInteractionAt!.Value, entry.UpdatedAt!.Value));
        Assert.Equal("internal", entry.Delivery?["kind"]?.GetValue<string>());
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(TestStateDir.Scalar(raw, "SELECT entry_json FROM session_nodes WHERE session_key = 'agent:main:main'"), JavaScriptJson.Stringify(entry.Json));
    }

    [Fact]
    public async Task Turn_transcript_reads_back_entry_by_entry()
    {
        using var dir = AgentDir.WithReferenceFixture(AgentDir.ReferenceRunFixture);
        await using var db = dir.Open();

        var all = await new SqliteTranscriptStore(db).ReadAllAsync(SessionId);

        Assert.Equal(
            [TranscriptEntryTypes.Session, TranscriptEntryTypes.Message, TranscriptEntryTypes.ThinkingLevelChange, TranscriptEntryTypes.Custom, TranscriptEntryTypes.Message, TranscriptEntryTypes.Custom],
            all.Select(e => e.Entry.Type));
        var user = all[1].Entry;
        Assert.Equal(("user", "Where do crabs live?", "622a4dbc-f29a-47f7-a3ae-2dd73f27303c"), (user.Role, user.Text, user.Id));
        Assert.Equal("idem-1:user", user.Message!["idempotencyKey"]!.GetValue<string>());
        var assistant = all[4].Entry;
        Assert.Equal(("assistant", "Crabs live in tide pools.", "2e191eb8-4124-4ac4-a234-a35e37773224"), (assistant.Role, assistant.Text, assistant.Id));
        Assert.Equal("d69dc22d-2ccf-4470-bc29-cd3048bde85f", assistant.ParentId);
        Assert.Equal("model-snapshot", all[3].Entry.Json["customType"]!.GetValue<string>());
        Assert.Equal("off", all[2].Entry.Json["thinkingLevel"]!.GetValue<string>());
    }
}
