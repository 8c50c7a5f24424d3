using Microsoft.Data.Sqlite;
using Pincer.Gateway.Hosting;
using Pincer.Storage.Sqlite;

namespace Pincer.Gateway.Tests;

/// <summary>A legacy session index is imported on a state dir's first start and refuses a later one.</summary>
public sealed class LegacyStoreGateTests : IDisposable
{
    private const string SessionId = "33333333-3333-4333-8333-333333333333";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), $"pincer-legacy-gate-{Guid.NewGuid():N}");

    public LegacyStoreGateTests()
    {
        var sessions = Path.Combine(_stateDir, "agents", "main", "sessions");
        Directory.CreateDirectory(sessions);
        File.WriteAllText(Path.Combine(sessions, "sessions.json"), $$"""{ "agent:main:main": { "sessionId": "{{SessionId}}", "updatedAt": 1763900000000 } }""");
        File.WriteAllText(Path.Combine(sessions, SessionId + ".jsonl"),
            $$"""{"type":"session","version":4,"id":"{{SessionId}}","timestamp":"2025-11-23T10:00:00.000Z","cwd":"/tmp"}""" + "\n"
            + """{"type":"message","id":"m1","parentId":null,"timestamp":"2025-11-23T10:00:01.000Z","message":{"role":"user","content":"hello","timestamp":1763892001000}}""" + "\n");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task First_start_imports_the_legacy_session_store()
    {
        var error = new StringWriter();
        Assert.Null(await LegacyStoreGate.CheckAsync(_stateDir, error, CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_stateDir, "agents", "main", "sessions", "sessions.json")));
        Assert.True(File.Exists(Path.Combine(_stateDir, "agents", "main", "agent", "openclaw-agent.sqlite")));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task A_state_dir_that_booted_before_refuses_with_78_and_names_the_store()
    {
        await using (SqliteStateDatabase.Open(_stateDir))
        {
        }

        var error = new StringWriter();
        Assert.Equal(78, await LegacyStoreGate.CheckAsync(_stateDir, error, CancellationToken.None));
        Assert.Contains("Legacy session store requires migration: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("gateway.maintenance_required", error.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_stateDir, "agents", "main", "sessions", "sessions.json")));
    }
}
