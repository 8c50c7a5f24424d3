using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>
/// Live direction reference → Pincer: the reference runs a real turn (against a fake model on
/// loopback) and injects a message large enough to be stored compressed; Pincer then reads the same
/// sessions and the same messages the reference serves over sessions.list and chat.history.
/// </summary>
public sealed class ReferenceWritesPincerReadsTests
{
    private const string Key = "agent:main:main";

    [ReferenceFact]
    public async Task Pincer_reads_what_the_reference_serves()
    {
        using var run = new TestStateDir();
        var stateDir = Path.Combine(run.Root, "state");
        Directory.CreateDirectory(stateDir);
        var port = 29740 + Random.Shared.Next(40);
        await using var model = new FakeChatCompletionsServer(port + 100);
        await File.WriteAllTextAsync(Path.Combine(stateDir, "openclaw.json"), model.ReferenceConfig());
        var longText = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Pincer line {i} about crabs and tide pools."));

        JsonElement list, history;
        try
        {
            var (started, startLog) = await ReferenceGateway.RunAsync(ReferenceGateway.RunScript, [run.Root, port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(150));
            Assert.True(started == 0, "reference did not start: " + startLog);
            await ReferenceServesPincerAgentDatabaseTests.CallAsync(run.Root, port, "chat.send", new JsonObject
            {
                ["chat.send"] = new JsonObject { ["sessionKey"] = Key, ["message"] = "Where do crabs live?", ["idempotencyKey"] = "idem-live-1" },
            });
            history = await WaitForAssistantAsync(run.Root, port);
            var responses = await ReferenceServesPincerAgentDatabaseTests.CallAsync(run.Root, port, "chat.inject,sessions.list,chat.history", new JsonObject
            {
                ["chat.inject"] = new JsonObject { ["sessionKey"] = Key, ["message"] = longText },
                ["sessions.list"] = new JsonObject(),
                ["chat.history"] = new JsonObject { ["sessionKey"] = Key },
            });
            list = ReferenceServesPincerAgentDatabaseTests.Payload(responses, "r3");
            history = ReferenceServesPincerAgentDatabaseTests.Payload(responses, "r4");
        }
        finally
        {
            ReferenceGateway.Stop(run.Root);
        }

        await using var db = AgentDatabase.Open(stateDir, "main");
        var sessions = new SqliteSessionStore(db);
        foreach (var session in list.GetProperty("sessions").EnumerateArray())
        {
            var entry = await sessions.GetAsync(session.GetProperty("key").GetString()!);
            Assert.NotNull(entry);
            Assert.Equal(session.GetProperty("sessionId").GetString(), entry.SessionId);
        }

        var sessionId = history.GetProperty("sessionId").GetString()!;
        var stored = (await new SqliteTranscriptStore(db).ReadAllAsync(sessionId)).ToDictionary(e => e.Entry.Id ?? "", e => e);
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        Assert.True(messages.Count >= 3, history.GetRawText());
        foreach (var message in messages)
        {
            var meta = message.GetProperty("__openclaw");
            var ours = stored[meta.GetProperty("id").GetString()!];
            // rawSeq is the row's seq; __openclaw.seq counts displayed messages.
            Assert.Equal(meta.GetProperty("transcriptPosition").GetProperty("rawSeq").GetInt64(), ours.Seq);
            Assert.Equal(message.GetProperty("role").GetString(), ours.Entry.Role);
            Assert.Equal(TextOf(message.GetProperty("content")), ours.Entry.Text);
        }

        Assert.Contains(messages, m => TextOf(m.GetProperty("content")) == FakeChatCompletionsServer.Reply);
        Assert.Contains(messages, m => TextOf(m.GetProperty("content")) == longText);
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Mode=ReadOnly;Pooling=False");
        raw.Open();
        // The injected message went through the reference's compressed representation and still read back.
        Assert.NotEqual(["0"], AgentDir.Rows(raw, "SELECT count(*) FROM transcript_events WHERE event_zstd IS NOT NULL"));
    }

    private static async Task<JsonElement> WaitForAssistantAsync(string runDir, int port)
    {
        for (var attempt = 0; attempt < 45; attempt++)
        {
            var responses = await ReferenceServesPincerAgentDatabaseTests.CallAsync(runDir, port, "chat.history", new JsonObject
            {
                ["chat.history"] = new JsonObject { ["sessionKey"] = Key },
            });
            var history = ReferenceServesPincerAgentDatabaseTests.Payload(responses, "r2");
            if (history.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").GetString() == "assistant"))
            {
                return history;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        throw new TimeoutException("the reference never finished the turn against the fake model");
    }

    private static string? TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Join('\n', content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == "text")
            .Select(b => b.GetProperty("text").GetString())),
        _ => null,
    };
}
