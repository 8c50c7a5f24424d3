using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Storage.Sqlite.Tests.Import;

public sealed class LegacyStateImporterTests : IDisposable
{
    private const string MainSession = "11111111-1111-4111-8111-111111111111";
    private const string TelegramSession = "22222222-2222-4222-8222-222222222222";
    private const string WorkSession = "33333333-3333-4333-8333-333333333333";

    private readonly TestStateDir _dir = new();

    public LegacyStateImporterTests() => LegacyStateFixture.Write(_dir.Root);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Detector_lists_every_legacy_store_in_import_order()
    {
        var found = LegacyStoreDetector.Detect(_dir.Root);
        Assert.Equal(
            [
                (LegacySourceKind.Sessions, "agents/main/sessions/sessions.json", "main"),
                (LegacySourceKind.Sessions, "agents/work/sessions/sessions.json", "work"),
                (LegacySourceKind.CronJobs, "cron/jobs.json", null),
                (LegacySourceKind.ChannelPairing, "credentials/telegram-allowFrom.json", null),
                (LegacySourceKind.ChannelPairing, "credentials/telegram-pairing.json", null),
                (LegacySourceKind.ExecApprovals, "exec-approvals.json", null),
                (LegacySourceKind.AuthProfiles, "agents/main/agent/auth-profiles.json", "main"),
            ],
            found.Select(s => (s.Kind, Path.GetRelativePath(_dir.Root, s.Path), s.AgentId)).ToList());
        Assert.True(LegacyStoreDetector.HasUnimportedSessionStore(_dir.Root));
    }

    [Fact]
    public async Task Sessions_and_transcripts_arrive_entry_by_entry()
    {
        var report = await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        Assert.Empty(report.Warnings);
        Assert.Equal(3, report.Counts["legacySessionEntries"]);
        Assert.Equal(3, report.Counts["sqliteSessionEntries"]);
        Assert.Equal(15, report.Counts["transcriptEventsImported"]);
        Assert.Equal(3, report.Counts["transcriptArtifactsArchived"]);

        await using (var main = AgentDatabase.Open(_dir.Root, "main"))
        {
            var sessions = new SqliteSessionStore(main);
            Assert.Equal(2, await sessions.CountAsync());
            var telegram = await sessions.GetAsync("agent:main:telegram:direct:12345");
            var expected = LegacyEntry("agents/main/sessions/sessions.json", "agent:main:telegram:direct:12345");
            expected["delivery"] = new JsonObject { ["kind"] = "none" };
            Assert.True(JsonNode.DeepEquals(expected, telegram!.Json), telegram.Json.ToJsonString());

            // Legacy route fields fold into one delivery state; every other field is untouched.
            var direct = (await sessions.GetAsync("agent:main:main"))!.Json;
            var legacy = LegacyEntry("agents/main/sessions/sessions.json", "agent:main:main");
            foreach (var (name, value) in legacy.Where(p => p.Key is not ("lastChannel" or "lastTo" or "origin")))
            {
                Assert.True(JsonNode.DeepEquals(value, direct[name]), name);
            }

            Assert.Equal(
                """{"kind":"external","route":{"channel":"telegram","target":{"to":"telegram:12345"}},"context":{"channel":"telegram","to":"telegram:12345"},"origin":{"provider":"telegram","chatType":"direct","from":"telegram:12345","to":"telegram:12345"}}""",
                direct["delivery"]!.ToJsonString());
            Assert.False(direct.ContainsKey("lastChannel"));

            await AssertTranscriptAsync(main, MainSession, "agents/main/sessions/" + MainSession + ".jsonl");
            await AssertTranscriptAsync(main, TelegramSession, "agents/main/sessions/" + TelegramSession + ".jsonl");
        }

        await using var work = AgentDatabase.Open(_dir.Root, "work");
        Assert.Equal(1, await new SqliteSessionStore(work).CountAsync());
        await AssertTranscriptAsync(work, WorkSession, "agents/work/sessions/" + WorkSession + ".jsonl");
    }

    [Fact]
    public async Task Shared_state_rows_match_the_legacy_files()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        using var db = _dir.OpenRaw(readOnly: true);
        var cronStore = Path.Combine(_dir.Root, "cron", "jobs.json");

        var cron = Rows(db, "SELECT store_key, job_id, name, enabled, agent_id, payload_kind, job_json, state_json, runtime_updated_at_ms, schedule_identity, sort_order, updated_at FROM cron_jobs");
        Assert.Equal(
            [
                cronStore, "5f0c6f2e-0c1a-4c55-9d8e-0a0a0a0a0a01", "Morning brief", 1L, "main", "agentTurn",
                """{"id":"5f0c6f2e-0c1a-4c55-9d8e-0a0a0a0a0a01","agentId":"main","name":"Morning brief","enabled":true,"createdAtMs":1763800000000,"schedule":{"kind":"cron","expr":"0 9 * * *","tz":"Europe/Berlin"},"sessionTarget":"isolated","wakeMode":"now","payload":{"kind":"agentTurn","message":"Summarise my day"},"delivery":{"mode":"announce","channel":"telegram","to":"12345"},"state":{}}""",
                """{"nextRunAtMs":1763968800000}""", 1763800000000L,
                """{"version":2,"enabled":true,"schedule":{"kind":"cron","expr":"0 9 * * *","tz":"Europe/Berlin"},"hasTrigger":false}""",
                0L, 1763800000000L,
            ],
            Assert.Single(cron));

        Assert.Equal(
            [["telegram", "default", "777000111", "ABCD2345", "2025-11-23T08:00:00.000Z", "2025-11-23T08:05:00.000Z", """{"username":"alice","firstName":"Alice"}"""]],
            Rows(db, "SELECT * FROM channel_pairing_requests"));
        Assert.Equal(
            [["telegram", "default", "12345", 0L], ["telegram", "default", "67890", 1L]],
            Rows(db, "SELECT channel_key, account_id, entry, sort_order FROM channel_pairing_allow_entries ORDER BY sort_order"));

        var approvals = Assert.Single(Rows(db, "SELECT raw_json, socket_path, has_socket_token, default_security, default_ask, default_ask_fallback, auto_allow_skills, agent_count, allowlist_count FROM exec_approvals_config WHERE config_key = 'current'"));
        Assert.Equal(["/home/user/.openclaw/exec-approvals.sock", 1L, "allowlist", "on-miss", "deny", 0L, 1L, 1L], approvals.Skip(1));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(LegacyStateFixture.Files["exec-approvals.json"]), JsonNode.Parse((string)approvals[0]!)));
        Assert.Contains("\n        {\n          \"pattern\": \"/usr/bin/ls\",\n          \"id\": ", (string)approvals[0]!, StringComparison.Ordinal);
        Assert.EndsWith("}\n", (string)approvals[0]!, StringComparison.Ordinal);

        var auth = Rows(db, "SELECT state_key, value_json FROM config_machine_state WHERE state_key LIKE 'auth%' ORDER BY state_key").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("""{"location":"state-db"}""", auth["auth.sharedStore"]);
        Assert.Equal("""{"version":1,"profiles":{"anthropic:default":{"type":"api_key","provider":"anthropic","key":"sk-ant-test-0001"},"openai:default":{"type":"token","provider":"openai","token":"tok-test-0002"}}}""", auth["authProfiles.store"]);
        Assert.Equal("""{"version":1,"order":{"anthropic":["anthropic:default"]},"lastGood":{"anthropic":"anthropic:default"},"usageStats":{"anthropic:default":{"lastUsed":1763890006000,"errorCount":0}}}""", auth["authProfiles.state"]);
    }

    [Fact]
    public async Task Receipts_key_each_source_as_the_reference_does_and_record_its_bytes()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        using var db = _dir.OpenRaw(readOnly: true);
        var rows = Rows(db, "SELECT source_key, migration_kind, source_path, target_table, source_sha256, source_size_bytes, source_record_count, status, removed_source FROM migration_sources ORDER BY migration_kind");
        Assert.Equal(["auth-profile-json-to-sqlite-v2", "legacy-cron-json", "legacy-exec-approvals-json"], rows.Select(r => (string)r[1]!));
        foreach (var row in rows)
        {
            var path = (string)row[2]!;
            var bytes = System.Text.Encoding.UTF8.GetBytes(LegacyStateFixture.Files[Path.GetRelativePath(_dir.Root, path)]);
            Assert.Equal(MigrationReceipts.Sha256Hex(bytes), row[4]);
            Assert.Equal((long)bytes.Length, row[5]);
            Assert.Equal("completed", row[7]);
            Assert.Equal(1L, row[8]);
            var sha = (string)row[4]!;
            var hashed = (string)row[1]! switch
            {
                "legacy-cron-json" => "cron-json:" + Sha($"{path}\0{sha}\0"),
                "auth-profile-json-to-sqlite-v2" => "auth-profile-v2:" + Sha($"{path}\0{sha}"),
                _ => "exec-approvals-json:" + Sha(path),
            };
            Assert.Equal(hashed, row[0]);
        }

        Assert.Equal([5L, 1L, 1L], rows.Select(r => r[6]));
        Assert.Equal(
            ["cron-legacy:" + rows[1][0]],
            Rows(db, "SELECT id FROM migration_runs WHERE id LIKE 'cron-legacy:%'").Select(r => r[0]));
    }

    [Fact]
    public async Task Originals_are_archived_byte_for_byte_or_removed_like_the_reference()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        string Text(string relative) => File.ReadAllText(Path.Combine(_dir.Root, relative));

        Assert.Equal(LegacyStateFixture.Files["cron/jobs.json"], Text("cron/jobs.json.migrated"));
        Assert.False(File.Exists(Path.Combine(_dir.Root, "cron/jobs.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Root, "credentials")));
        Assert.False(File.Exists(Path.Combine(_dir.Root, "exec-approvals.json")));

        var authArchive = Assert.Single(Directory.GetFiles(Path.Combine(_dir.Root, "agents/main/agent"), "auth-profiles.json.migrated-*"));
        Assert.Matches(@"auth-profiles\.json\.migrated-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f-]{36}$", authArchive);
        Assert.Equal(LegacyStateFixture.Files["agents/main/agent/auth-profiles.json"], File.ReadAllText(authArchive));

        var archive = Path.Combine(_dir.Root, "agents/main", LegacySessionImporter.ArchiveDirName);
        var names = Directory.GetFiles(archive).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Collection(names,
            n => Assert.Matches($@"^agent_main_main\.{MainSession}\.jsonl\.imported-\d+$", n),
            n => Assert.Matches($@"^agent_main_telegram_direct_12345\.{TelegramSession}\.jsonl\.imported-\d+$", n),
            n => Assert.Matches(@"^legacy-store\.sessions\.json\.imported-\d+$", n));
        Assert.Equal(LegacyStateFixture.Files["agents/main/sessions/sessions.json"], File.ReadAllText(Path.Combine(archive, names[2]!)));
        Assert.Equal(LegacyStateFixture.Files[$"agents/main/sessions/{MainSession}.jsonl"], File.ReadAllText(Path.Combine(archive, names[0]!)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Root, "agents/main/sessions")));
        Assert.Empty(LegacyStoreDetector.Detect(_dir.Root));
    }

    [Fact]
    public async Task A_second_run_finds_nothing_and_changes_nothing()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        var before = Snapshot();
        var again = await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        Assert.Empty(again.Changes);
        Assert.Empty(again.Warnings);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Originals_put_back_after_an_import_add_no_duplicates()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        var before = Snapshot();
        LegacyStateFixture.Write(_dir.Root);
        var again = await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        Assert.Empty(again.Warnings);
        Assert.Equal(0, again.Counts["transcriptEventsImported"]);
        Assert.Equal(before, Snapshot());
        Assert.Empty(LegacyStoreDetector.Detect(_dir.Root));
    }

    [Fact]
    public async Task An_entry_without_a_transcript_is_imported_and_unreferenced_jsonl_is_archived_unimported()
    {
        var sessions = Path.Combine(_dir.Root, "agents/work/sessions");
        File.WriteAllText(Path.Combine(sessions, "sessions.json"), """{"agent:work:main":{"sessionId":"33333333-3333-4333-8333-333333333333","updatedAt":1},"agent:work:gone":{"sessionId":"g-1","updatedAt":2}}""");
        File.WriteAllText(Path.Combine(sessions, "stray.jsonl"), """{"type":"session","version":4,"id":"stray","timestamp":"2025-11-23T10:00:00.000Z","cwd":"/w"}""");

        var report = await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.Fix);
        Assert.Empty(report.Warnings);
        Assert.Equal(1, report.Counts["unreferencedTranscriptsArchived"]);
        await using (var work = AgentDatabase.Open(_dir.Root, "work"))
        {
            Assert.Equal(2, await new SqliteSessionStore(work).CountAsync());
            Assert.Equal(0L, await new SqliteTranscriptStore(work).CountAsync("stray"));
        }

        var archived = Assert.Single(Directory.GetFiles(Path.Combine(_dir.Root, "agents/work", LegacySessionImporter.ArchiveDirName), "archive-tier.*"));
        Assert.Matches(@"archive-tier\.stray\.jsonl\.imported-\d+$", archived);
        Assert.Empty(Directory.GetFiles(sessions));
    }

    [Fact]
    public async Task AllowFrom_entries_are_normalised_per_channel_and_unresolved_accounts_stay()
    {
        var credentials = Path.Combine(_dir.Root, "credentials");
        File.WriteAllText(Path.Combine(credentials, "telegram-allowFrom.json"), """["telegram:555","TG:666"," 777 ","*"]""");
        File.WriteAllText(Path.Combine(credentials, "signal-allowFrom.json"), """{"allowFrom":["Alice@Example.com"]}""");
        File.WriteAllText(Path.Combine(credentials, "telegram-work-allowFrom.json"), """["x"]""");
        var report = await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.SafeOnly);

        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(
            [["signal", "default", "Alice@Example.com", 0L], ["telegram", "default", "555", 0L], ["telegram", "default", "666", 1L], ["telegram", "default", "777", 2L]],
            Rows(db, "SELECT channel_key, account_id, entry, sort_order FROM channel_pairing_allow_entries ORDER BY channel_key, sort_order"));
        Assert.Equal([$"Legacy channel allowFrom channel/account is unresolved; left in place at {Path.Combine(credentials, "telegram-work-allowFrom.json")}"], report.Warnings);
        Assert.Equal(["telegram-work-allowFrom.json"], Directory.GetFiles(credentials).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Safe_only_pass_leaves_sessions_approvals_and_auth_pending()
    {
        await LegacyStateImporter.ImportAsync(_dir.Root, LegacyImportOptions.SafeOnly);
        Assert.Equal(
            [LegacySourceKind.Sessions, LegacySourceKind.Sessions, LegacySourceKind.ExecApprovals, LegacySourceKind.AuthProfiles],
            LegacyStoreDetector.Detect(_dir.Root).Select(s => s.Kind));
    }

    private static string Sha(string text) => MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text));

    private async Task AssertTranscriptAsync(AgentDatabase database, string sessionId, string relative)
    {
        var expected = LegacyStateFixture.Files[relative].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)).ToList();
        var stored = await new SqliteTranscriptStore(database).ReadAllAsync(sessionId);
        Assert.Equal(expected.Count, stored.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i, stored[i].Seq);
            Assert.True(JsonNode.DeepEquals(expected[i], stored[i].Entry.Json), $"{sessionId}#{i}");
        }
    }

    private static JsonObject LegacyEntry(string relative, string key) =>
        (JsonObject)JsonNode.Parse(LegacyStateFixture.Files[relative])![key]!.DeepClone();

    /// <summary>Every imported row (minus wall-clock columns), to prove a re-run changes nothing.</summary>
    private string Snapshot()
    {
        var parts = new List<string>();
        using (var db = _dir.OpenRaw(readOnly: true))
        {
            foreach (var sql in new[]
            {
                "SELECT * FROM cron_jobs", "SELECT * FROM channel_pairing_requests", "SELECT channel_key, account_id, entry, sort_order FROM channel_pairing_allow_entries",
                "SELECT raw_json FROM exec_approvals_config", "SELECT state_key, value_json FROM config_machine_state WHERE state_key LIKE 'auth%'",
                "SELECT source_key, source_sha256, source_record_count, status, removed_source FROM migration_sources", "SELECT count(*) FROM migration_runs",
            })
            {
                parts.Add(string.Join("\n", Rows(db, sql).Select(r => string.Join("|", r))));
            }
        }

        foreach (var agent in new[] { "main", "work" })
        {
            using var db = new SqliteConnection($"Data Source={AgentDatabase.PathFor(_dir.Root, agent)};Mode=ReadOnly;Pooling=False");
            db.Open();
            parts.Add(string.Join("\n", Rows(db, "SELECT session_key, entry_json FROM session_nodes ORDER BY session_key").Select(r => string.Join("|", r))));
            parts.Add(string.Join("\n", Rows(db, "SELECT session_id, seq, event_json, created_at FROM transcript_events ORDER BY session_id, seq").Select(r => string.Join("|", r))));
            parts.Add(string.Join("\n", Rows(db, "SELECT session_id, event_id, seq FROM transcript_event_identities ORDER BY session_id, seq").Select(r => string.Join("|", r))));
        }

        return string.Join("\n---\n", parts);
    }

    private static List<object?[]> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
