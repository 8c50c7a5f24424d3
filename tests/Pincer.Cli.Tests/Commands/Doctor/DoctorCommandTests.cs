using Microsoft.Data.Sqlite;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Commands.Doctor;

/// <summary><c>openclaw doctor</c> and <c>doctor --fix</c> on a small legacy state dir, through the CLI entry point.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-doctor-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _env;

    public DoctorCommandTests()
    {
        _env = ProcessRun.IsolatedEnv(_root);
        Write("agents/main/sessions/sessions.json", """{"agent:main:main":{"sessionId":"s-1","updatedAt":1763900000000}}""");
        Write("agents/main/sessions/s-1.jsonl", """
            {"type":"session","version":4,"id":"s-1","timestamp":"2025-11-23T10:00:00.000Z","cwd":"/w"}
            {"type":"message","id":"m1","parentId":null,"timestamp":"2025-11-23T10:00:01.000Z","message":{"role":"user","content":"hi","timestamp":1763892001000}}
            {"type":"message","id":"m2","parentId":"m1","timestamp":"2025-11-23T10:00:02.000Z","message":{"role":"assistant","content":[{"type":"toolCall","id":"t1","name":"exec","arguments":{"command":"ls"}}],"stopReason":"toolUse","timestamp":1763892002000}}
            {"type":"message","id":"m3","parentId":"m2","timestamp":"2025-11-23T10:00:03.000Z","message":{"role":"toolResult","toolCallId":"t1","toolName":"exec","content":[{"type":"text","text":"a"}],"isError":false,"timestamp":1763892003000}}
            """);
        Write("cron/jobs.json", """{"version":1,"jobs":[{"id":"j1","name":"n","enabled":true,"createdAtMs":1,"updatedAtMs":2,"schedule":{"kind":"every","everyMs":60000},"payload":{"kind":"systemEvent","text":"x"},"state":{}}]}""");
        Write("credentials/telegram-allowFrom.json", """["1","2","2"]""");
        Write("exec-approvals.json", """{"version":1,"defaults":{"security":"deny"},"agents":{}}""");
        Write("agents/main/agent/auth-profiles.json", """{"version":1,"profiles":{"openai:default":{"type":"api_key","provider":"openai","key":"k"}}}""");
    }

    private string State => _env["OPENCLAW_STATE_DIR"];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Plain_doctor_runs_the_safe_imports_and_reports_sessions_pending()
    {
        var (exit, output, _) = await CliHarness.RunAsync(_env, "doctor", "--non-interactive");
        Assert.Equal(0, exit);
        Assert.Contains("- Cron store migrated to SQLite at " + Path.Combine(State, "cron", "jobs.json") + ".", output, StringComparison.Ordinal);
        Assert.Contains("- Migrated 2 telegram/default allowFrom entries → shared SQLite state", output, StringComparison.Ordinal);
        Assert.Contains("- Legacy entries: 1; SQLite entries: 0.", output, StringComparison.Ordinal);
        Assert.Contains("- Transcript events: imported=0; validated=4.", output, StringComparison.Ordinal);
        Assert.Contains("(affected providers: openai)", output, StringComparison.Ordinal);
        Assert.EndsWith("Doctor complete.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(State, "agents/main/sessions/sessions.json")));
        Assert.True(File.Exists(Path.Combine(State, "exec-approvals.json")));
        Assert.True(File.Exists(Path.Combine(State, "cron/jobs.json.migrated")));
    }

    [Fact]
    public async Task Fix_imports_everything_once_and_exits_zero()
    {
        var (exit, output, _) = await CliHarness.RunAsync(_env, "doctor", "--fix", "--non-interactive");
        Assert.Equal(0, exit);
        Assert.Contains("- Imported legacy exec approvals into shared SQLite state.", output, StringComparison.Ordinal);
        Assert.Contains("- Removed retired exec approvals JSON after recording its migration decision.", output, StringComparison.Ordinal);
        Assert.Contains("- Legacy entries: 1; SQLite entries: 1.", output, StringComparison.Ordinal);
        Assert.Contains("- Transcript events: imported=4; validated=0.", output, StringComparison.Ordinal);
        Assert.Contains("- Archived 1 legacy transcript artifact(s).", output, StringComparison.Ordinal);
        Assert.Contains("- Migrated auth profile JSON for " + Path.Combine(State, "agents/main/agent/auth-profiles.json") + " into SQLite (archive: ", output, StringComparison.Ordinal);

        using (var agent = Open(Path.Combine(State, "agents/main/agent/openclaw-agent.sqlite")))
        {
            Assert.Equal(4L, Scalar(agent, "SELECT count(*) FROM transcript_events WHERE session_id = 's-1'"));
            Assert.Equal(1L, Scalar(agent, "SELECT count(*) FROM session_nodes"));
        }

        using (var state = Open(Path.Combine(State, "state/openclaw.sqlite")))
        {
            Assert.Equal(2L, Scalar(state, "SELECT count(*) FROM channel_pairing_allow_entries"));
            Assert.Equal(3L, Scalar(state, "SELECT count(*) FROM migration_sources WHERE removed_source = 1"));
        }

        var again = await CliHarness.RunAsync(_env, "doctor", "--fix");
        Assert.Equal(0, again.Exit);
        Assert.DoesNotContain("Doctor changes", again.Out, StringComparison.Ordinal);
        using var after = Open(Path.Combine(State, "agents/main/agent/openclaw-agent.sqlite"));
        Assert.Equal(4L, Scalar(after, "SELECT count(*) FROM transcript_events"));
    }

    [Fact]
    public async Task Fix_exits_one_while_a_blocking_store_stays_behind()
    {
        Write("agents/work/sessions/sessions.json", "{ not json");
        var (exit, output, _) = await CliHarness.RunAsync(_env, "doctor", "--repair");
        Assert.Equal(1, exit);
        Assert.Contains("Legacy state still needs repair: " + Path.Combine(State, "agents/work/sessions/sessions.json"), output, StringComparison.Ordinal);
        Assert.DoesNotContain("Doctor complete.", output, StringComparison.Ordinal);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(State, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
