using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>
/// Direction Pincer → reference: Pincer creates the agent DB, a session and its transcript; the real
/// reference gateway then starts on that state dir and serves them over WebSocket (sessions.list,
/// chat.history, transcript search), and a reference write keeps the fields only Pincer knows about.
/// </summary>
public sealed class ReferenceServesPincerAgentDatabaseTests
{
    private const string Key = "agent:main:pincer-made";
    private const string SessionId = "7f0e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    [ReferenceFact]
    public async Task Reference_lists_the_session_and_serves_the_transcript_pincer_wrote()
    {
        using var run = new TestStateDir();
        var stateDir = Path.Combine(run.Root, "state");
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var startMs = start.ToUnixTimeMilliseconds();
        TranscriptEntry[] transcript =
        [
            TranscriptEntry.CreateHeader(SessionId, start, Path.Combine(stateDir, "workspace")),
            TranscriptEntry.CreateMessage("u-1", null, start.AddSeconds(1), new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Where do crabs live? 🦀" }),
                ["timestamp"] = startMs + 1000,
            }),
            TranscriptEntry.CreateMessage("a-1", "u-1", start.AddSeconds(2), new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Mostly in tide pools, said Pincer." }),
                ["timestamp"] = startMs + 2000,
                ["stopReason"] = "stop",
                ["api"] = "openai-completions",
                ["provider"] = "fake",
                ["model"] = "fake-1",
                ["usage"] = new JsonObject { ["input"] = 3, ["output"] = 7, ["cacheRead"] = 0, ["cacheWrite"] = 0, ["totalTokens"] = 10 },
            }),
        ];
        await using (var db = AgentDatabase.Open(stateDir, "main"))
        {
            await new SqliteTranscriptStore(db).AppendAsync(Key, SessionId, [transcript[0]]);
            await new SqliteSessionStore(db).UpsertAsync(Key, new SessionEntry(new JsonObject
            {
                ["sessionId"] = SessionId,
                ["updatedAt"] = startMs + 2000,
                ["sessionStartedAt"] = startMs,
                ["label"] = "Made by Pincer",
                ["createdVia"] = "operator",
                ["createdAt"] = startMs,
                ["thinkingLevel"] = "high",
                ["x-pincer-only"] = new JsonObject { ["kept"] = true },
            }));
            await new SqliteTranscriptStore(db).AppendAsync(Key, SessionId, transcript[1..]);
        }

        var port = 29700 + Random.Shared.Next(40);
        JsonElement list, history, search, patched;
        try
        {
            var (started, startLog) = await ReferenceGateway.RunAsync(ReferenceGateway.RunScript, [run.Root, port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(150));
            Assert.True(started == 0, "reference did not start on Pincer's agent DB: " + startLog);
            var responses = await CallAsync(run.Root, port, "sessions.list,chat.history,sessions.search,sessions.patch", new JsonObject
            {
                ["sessions.search"] = new JsonObject { ["query"] = "tide pools" },
                ["sessions.list"] = new JsonObject(),
                ["chat.history"] = new JsonObject { ["sessionKey"] = Key },
                ["sessions.patch"] = new JsonObject { ["key"] = Key, ["label"] = "Renamed by the reference" },
            });
            list = Payload(responses, "r2");
            history = Payload(responses, "r3");
            search = Payload(responses, "r4");
            patched = Payload(responses, "r5");
        }
        finally
        {
            ReferenceGateway.Stop(run.Root);
        }

        var session = list.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("key").GetString() == Key);
        Assert.Equal(SessionId, session.GetProperty("sessionId").GetString());
        Assert.Equal("Made by Pincer", session.GetProperty("label").GetString());
        Assert.Equal("high", session.GetProperty("thinkingLevel").GetString());

        Assert.Equal(SessionId, history.GetProperty("sessionId").GetString());
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["u-1", "a-1"], messages.Select(m => m.GetProperty("__openclaw").GetProperty("id").GetString()));
        Assert.Equal([transcript[1].Text, transcript[2].Text], messages.Select(m => m.GetProperty("content")[0].GetProperty("text").GetString()));
        // Transcript search runs on the FTS rows Pincer wrote with the append.
        Assert.Contains(Key, search.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("a-1", search.GetRawText(), StringComparison.Ordinal);
        Assert.True(patched.GetProperty("ok").GetBoolean(), patched.GetRawText());

        // And back: the reference's own write kept the field only Pincer knows, and Pincer reads its changes.
        await using var reopened = AgentDatabase.Open(stateDir, "main");
        var entry = await new SqliteSessionStore(reopened).GetAsync(Key);
        Assert.Equal("Renamed by the reference", entry?.Label);
        Assert.True(entry?.Json["x-pincer-only"]?["kept"]?.GetValue<bool>());
        Assert.Equal(3L, await new SqliteTranscriptStore(reopened).CountAsync(SessionId));

        // The reference used Pincer's projection as written (no rebuild renumbered the search rows) and
        // certified the session rows Pincer left pending for canonical validation.
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={reopened.Path};Mode=ReadOnly;Pooling=False");
        raw.Open();
        Assert.Equal(["1|u-1", "2|a-1"], AgentDir.Rows(raw, "SELECT id, message_id FROM session_transcript_fts_rows ORDER BY id"));
        Assert.Equal(["0|2"], AgentDir.Rows(raw, $"SELECT needs_rebuild, indexed_seq FROM session_transcript_index_state WHERE session_id = '{SessionId}'"));
        Assert.Equal(["1"], AgentDir.Rows(raw, $"SELECT entry_valid FROM session_nodes WHERE session_key = '{Key}'"));
        Assert.Equal(["0"], AgentDir.Rows(raw, "SELECT count(*) FROM session_canonical_validation_pending"));
        Assert.Equal(["2026.9.6"], AgentDir.Rows(raw, "SELECT app_version FROM schema_meta"));
    }

    internal static async Task<Dictionary<string, JsonElement>> CallAsync(string runDir, int port, string calls, JsonObject parameters)
    {
        var capture = Path.Combine(runDir, $"capture-{Guid.NewGuid():N}.jsonl");
        var (_, clientLog) = await ReferenceGateway.RunAsync("node",
        [
            ReferenceGateway.ClientScript, "--url", $"ws://127.0.0.1:{port}/", "--calls", calls,
            "--params-json", parameters.ToJsonString(), "--out", capture,
        ], TimeSpan.FromSeconds(90));
        var responses = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in File.Exists(capture) ? File.ReadLines(capture) : [])
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("dir").GetString() == "in" && doc.RootElement.TryGetProperty("frame", out var frame)
                && frame.TryGetProperty("type", out var type) && type.GetString() == "res")
            {
                responses[frame.GetProperty("id").GetString()!] = frame.Clone();
            }
        }

        Assert.True(responses.Count > 0, "no responses from the reference: " + clientLog);
        return responses;
    }

    internal static JsonElement Payload(Dictionary<string, JsonElement> responses, string id)
    {
        Assert.True(responses.TryGetValue(id, out var response), $"no response {id}");
        Assert.True(response.GetProperty("ok").GetBoolean(), response.GetRawText());
        return response.GetProperty("payload");
    }
}
