using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>
/// Pincer replays, through its stores, the sessions and transcripts of a DB the reference wrote, into
/// a fresh DB; every row the reference derives (node columns, windows, identities, active branch,
/// search index, watermarks) must come out the same. Only times Pincer stamps itself ("now") differ.
/// </summary>
public sealed class ReferenceReplayTests
{
    private static readonly string[] ComparedQueries =
    [
        "SELECT * FROM session_nodes ORDER BY session_key",
        "SELECT session_id, session_key, previous_session_id, reason, session_scope, created_at, session_entry_provenance, acp_owned, plugin_owner_id, hook_external_content_source, started_at, ended_at, status, chat_type, channel, account_id, model_provider, model, agent_harness_id, parent_session_key, spawned_by, display_name FROM session_windows ORDER BY session_id",
        "SELECT session_id, seq, created_at, event_utf8_bytes FROM transcript_events ORDER BY session_id, seq",
        "SELECT * FROM transcript_event_identities ORDER BY session_id, seq",
        "SELECT * FROM session_transcript_index_state ORDER BY session_id",
        "SELECT * FROM session_transcript_active_events ORDER BY session_id, active_position",
        "SELECT rowid, text, session_id, message_id, role, timestamp FROM session_transcript_fts ORDER BY rowid",
        "SELECT * FROM session_transcript_fts_rows ORDER BY id",
    ];

    [Theory]
    [InlineData(AgentDir.ReferenceFixture)]
    [InlineData(AgentDir.ReferenceRunFixture)]
    public async Task Pincer_rewriting_the_same_history_produces_the_reference_rows(string fixture)
    {
        using var reference = AgentDir.WithReferenceFixture(fixture);
        List<SessionRecord> sessions;
        Dictionary<string, IReadOnlyList<StoredTranscriptEntry>> transcripts = [];
        await using (var db = reference.Open())
        {
            sessions = [.. await new SqliteSessionStore(db).ListAsync()];
            foreach (var session in sessions)
            {
                transcripts[session.Entry.SessionId!] = await new SqliteTranscriptStore(db).ReadAllAsync(session.Entry.SessionId!);
            }
        }

        using var ours = new AgentDir();
        await using (var db = ours.Open())
        {
            var sessionStore = new SqliteSessionStore(db);
            var transcriptStore = new SqliteTranscriptStore(db);
            foreach (var session in sessions.AsEnumerable().Reverse())
            {
                var sessionId = session.Entry.SessionId!;
                var events = transcripts[sessionId].Select(e => e.Entry).ToList();
                // Same order of operations as the reference: a window stamped with entry provenance was
                // created by the entry write (a turn); otherwise the transcript header came first (sessions.create).
                if (EntryCreatedWindow(reference, sessionId))
                {
                    await sessionStore.UpsertAsync(session.SessionKey, session.Entry);
                    await transcriptStore.AppendAsync(session.SessionKey, sessionId, events);
                }
                else
                {
                    await transcriptStore.AppendAsync(session.SessionKey, sessionId, events[..1]);
                    await sessionStore.UpsertAsync(session.SessionKey, session.Entry);
                    await transcriptStore.AppendAsync(session.SessionKey, sessionId, events[1..]);
                }
            }
        }

        using var theirs = reference.OpenRaw(readOnly: true);
        using var mine = ours.OpenRaw(readOnly: true);
        foreach (var query in ComparedQueries)
        {
            var expected = AgentDir.Rows(theirs, query);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, AgentDir.Rows(mine, query));
        }

        // Event bodies are the same text, whether the reference stored them as TEXT or compressed.
        foreach (var (sessionId, events) in transcripts)
        {
            var ourText = AgentDir.Rows(mine, $"SELECT event_json FROM transcript_events WHERE session_id = '{sessionId}' ORDER BY seq");
            Assert.Equal(events.Select(e => JavaScriptJson.Stringify(e.Entry.Json)), ourText);
        }

        Assert.Equal("0", Assert.Single(AgentDir.Rows(mine, "SELECT count(*) FROM transcript_events WHERE event_zstd IS NOT NULL")));
    }

    private static bool EntryCreatedWindow(AgentDir reference, string sessionId)
    {
        using var raw = reference.OpenRaw(readOnly: true);
        return AgentDir.Rows(raw, $"SELECT session_entry_provenance FROM session_windows WHERE session_id = '{sessionId}'") is ["1"];
    }
}
