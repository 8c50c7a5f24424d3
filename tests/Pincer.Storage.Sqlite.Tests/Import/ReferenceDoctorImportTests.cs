using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Storage.Sqlite.Tests.Import;

/// <summary>
/// The same legacy fixture imported by the reference's <c>openclaw doctor --fix --non-interactive</c>
/// and by <see cref="LegacyStateImporter"/> gives the same rows and leaves the originals the same way.
/// Normalised only where the reference itself generates values: the state dir path, archive
/// timestamps/uuids, receipt times, and what its other repairs add (the title repair's <c>displayName</c>,
/// the heartbeat migration's declared cron job).
/// </summary>
public sealed partial class ReferenceDoctorImportTests : IDisposable
{
    private readonly TestStateDir _reference = new();
    private readonly TestStateDir _ours = new();

    public void Dispose()
    {
        _reference.Dispose();
        _ours.Dispose();
    }

    [ReferenceFact]
    public async Task Reference_doctor_fix_and_ours_import_the_same_rows()
    {
        var refState = Path.Combine(_reference.Root, "state");
        var ourState = Path.Combine(_ours.Root, "state");
        LegacyStateFixture.Write(refState);
        LegacyStateFixture.Write(ourState);

        var (exit, output) = await RunReferenceDoctorAsync(_reference.Root, refState);
        Assert.True(exit == 0, output);
        var report = await LegacyStateImporter.ImportAsync(ourState, LegacyImportOptions.Fix);
        Assert.Empty(report.Warnings);

        foreach (var agent in new[] { "main", "work" })
        {
            Assert.Equal(Sessions(refState, agent), Sessions(ourState, agent));
            foreach (var sql in new[]
            {
                "SELECT session_id, seq, event_json, created_at FROM transcript_events ORDER BY session_id, seq",
                "SELECT session_id, event_id, seq FROM transcript_event_identities ORDER BY session_id, seq",
                "SELECT session_id, session_key FROM session_windows ORDER BY session_id",
            })
            {
                Assert.Equal(Rows(AgentDatabase.PathFor(refState, agent), sql, refState), Rows(AgentDatabase.PathFor(ourState, agent), sql, ourState));
            }
        }

        foreach (var sql in new[]
        {
            "SELECT store_key, job_id, declaration_key, owner_agent_id, name, description, enabled, agent_id, payload_kind, job_json, state_json, runtime_updated_at_ms, schedule_identity, sort_order, updated_at FROM cron_jobs WHERE declaration_key IS NULL",
            "SELECT * FROM channel_pairing_requests ORDER BY channel_key, account_id, request_id",
            "SELECT channel_key, account_id, entry, sort_order FROM channel_pairing_allow_entries ORDER BY channel_key, account_id, sort_order",
            "SELECT config_key, raw_json, socket_path, has_socket_token, default_security, default_ask, default_ask_fallback, auto_allow_skills, agent_count, allowlist_count FROM exec_approvals_config",
            "SELECT state_key, value_json FROM config_machine_state WHERE state_key IN ('auth.sharedStore', 'authProfiles.store', 'authProfiles.state') ORDER BY state_key",
            "SELECT source_key, migration_kind, source_path, target_table, source_sha256, source_size_bytes, source_record_count, status, removed_source, report_json FROM migration_sources WHERE migration_kind IN ('legacy-cron-json', 'legacy-exec-approvals-json', 'auth-profile-json-to-sqlite-v2') ORDER BY migration_kind",
            "SELECT id, status, report_json FROM migration_runs WHERE id LIKE 'cron-legacy:%' OR id LIKE 'exec-approvals-json:%' OR id LIKE 'auth-profile-v2:%' ORDER BY id",
        })
        {
            Assert.Equal(Rows(SqliteStateDatabase.PathFor(refState), sql, refState), Rows(SqliteStateDatabase.PathFor(ourState), sql, ourState));
        }

        Assert.Equal(LegacyFiles(refState), LegacyFiles(ourState));
    }

    [ReferenceFact]
    public async Task Reference_doctor_finds_nothing_left_to_import_after_ours()
    {
        var state = Path.Combine(_ours.Root, "state");
        LegacyStateFixture.Write(state);
        await LegacyStateImporter.ImportAsync(state, LegacyImportOptions.Fix);
        var events = Rows(AgentDatabase.PathFor(state, "main"), "SELECT session_id, seq, event_json FROM transcript_events ORDER BY session_id, seq", state);
        var receipts = Rows(SqliteStateDatabase.PathFor(state), "SELECT source_key, status, removed_source FROM migration_sources ORDER BY source_key", state);

        var (exit, output) = await RunReferenceDoctorAsync(_ours.Root, state, fix: false);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("Legacy entries:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Legacy state detected", output, StringComparison.Ordinal);
        Assert.DoesNotContain("requires legacy credential migration", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth profile SQLite migration", output, StringComparison.Ordinal);
        Assert.Equal(events, Rows(AgentDatabase.PathFor(state, "main"), "SELECT session_id, seq, event_json FROM transcript_events ORDER BY session_id, seq", state));
        // The reference may add receipts of its own (other repairs) but must not redo or undo ours.
        var after = Rows(SqliteStateDatabase.PathFor(state), "SELECT source_key, status, removed_source FROM migration_sources ORDER BY source_key", state);
        Assert.Equal(receipts, after.Where(r => receipts.Any(e => Equals(e[0], r[0]))).ToList());
    }

    private static async Task<(int Exit, string Output)> RunReferenceDoctorAsync(string root, string stateDir, bool fix = true)
    {
        var info = new ProcessStartInfo(Path.Combine(ReferenceGateway.ReferenceDir, "bin", "openclaw"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in fix ? new[] { "doctor", "--fix", "--non-interactive" } : ["doctor", "--non-interactive"])
        {
            info.ArgumentList.Add(arg);
        }

        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(home);
        info.Environment["HOME"] = home;
        info.Environment["OPENCLAW_HOME"] = home;
        info.Environment["OPENCLAW_STATE_DIR"] = stateDir;
        info.Environment["OPENCLAW_CONFIG_PATH"] = Path.Combine(stateDir, "openclaw.json");
        info.Environment["OPENCLAW_NO_AUTO_UPDATE"] = "1";
        info.Environment["OPENCLAW_OFFLINE"] = "1";
        info.Environment["OPENCLAW_DISABLE_BONJOUR"] = "1";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Session rows as JSON, without the display name the reference's title repair (not its import) derives.</summary>
    private static List<string> Sessions(string stateDir, string agent) =>
        Rows(AgentDatabase.PathFor(stateDir, agent), "SELECT session_key, current_session_id, entry_json FROM session_nodes ORDER BY session_key", stateDir)
            .Select(row =>
            {
                var entry = JsonNode.Parse((string)row[2]!)!.AsObject();
                entry.Remove("displayName");
                return $"{row[0]}|{row[1]}|{entry.ToJsonString()}";
            })
            .ToList();

    /// <summary>What is left of the legacy files, archive stamps replaced by placeholders.</summary>
    private static List<string> LegacyFiles(string stateDir) =>
        Directory.EnumerateFiles(stateDir, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(stateDir, path).Replace('\\', '/'))
            .Where(path => path.StartsWith("cron/", StringComparison.Ordinal) || path.StartsWith("credentials/", StringComparison.Ordinal)
                || path.StartsWith("exec-approvals", StringComparison.Ordinal) || path.Contains("/sessions/", StringComparison.Ordinal)
                || path.Contains("/session-sqlite-import-archive/", StringComparison.Ordinal) || path.Contains("auth-profiles", StringComparison.Ordinal))
            .Select(path => ArchiveStamp().Replace(path, ".imported-<ms>"))
            .Select(path => AuthStamp().Replace(path, ".migrated-<time>-<uuid>"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<object?[]> Rows(string dbPath, string sql, string stateDir)
    {
        using var db = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is string text ? Normalize(text, stateDir) : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Paths become state-relative; path hashes in keys are recomputed from the relative path; auth archive names and run uuids are masked.</summary>
    private static string Normalize(string text, string stateDir)
    {
        foreach (var file in new[] { "cron/jobs.json", "exec-approvals.json", "agents/main/agent/auth-profiles.json" })
        {
            var full = Path.Combine(stateDir, file);
            var content = Sha(LegacyStateFixture.Files[file]);
            text = text.Replace(Sha(full), $"<sha256({file})>", StringComparison.Ordinal)
                .Replace(Sha($"{full}\0{content}\0"), $"<sha256({file}, content, no state)>", StringComparison.Ordinal)
                .Replace(Sha($"{full}\0{content}"), $"<sha256({file}, content)>", StringComparison.Ordinal);
        }

        text = text.Replace(stateDir, "<state>", StringComparison.Ordinal);
        text = AuthStamp().Replace(text, ".migrated-<time>-<uuid>");
        return RunUuid().Replace(text, ":<uuid>");
    }

    private static string Sha(string text) => MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text));

    [GeneratedRegex(@"\.imported-\d+")]
    private static partial Regex ArchiveStamp();

    [GeneratedRegex(@"\.migrated-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f-]{36}")]
    private static partial Regex AuthStamp();

    [GeneratedRegex(@":[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RunUuid();
}
