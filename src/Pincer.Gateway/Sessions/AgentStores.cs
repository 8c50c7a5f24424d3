using System.Collections.Concurrent;
using Pincer.Abstractions.Agents;
using Pincer.Gateway.Hosting;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions;

/// <summary>
/// The per-agent stores, over the process's one open DB per agent (<see cref="AgentDatabaseRegistry"/>):
/// opened on first use off the caller's thread and kept until the gateway stops, so every session
/// read and write for an agent goes through one writer. A refused DB is retried on the next use.
/// </summary>
internal sealed class AgentStores(GatewayRuntime runtime, TimeProvider time) : IAsyncDisposable
{
    private readonly AgentDatabaseRegistry _databases = new(runtime.StateDir, time);
    private readonly ConcurrentDictionary<AgentDatabase, AgentStore> _stores = new();

    /// <summary>The state dir whose <c>agents/</c> holds the DBs.</summary>
    public string StateDir => runtime.StateDir;

    /// <summary>The agent's stores, opening (and if needed creating) its DB.</summary>
    /// <remarks>Not cancellable: an open, once started, finishes and is kept for the next caller.</remarks>
    public async Task<AgentStore> GetAsync(string agentId)
    {
        var id = AgentId.NormalizeValue(agentId);
        var database = await _databases.GetAsync(id, CancellationToken.None).ConfigureAwait(false);
        return _stores.GetOrAdd(database, db => new AgentStore(id, db, new SqliteSessionStore(db), new SqliteTranscriptStore(db)));
    }

    /// <summary>The agent's stores when its DB already exists on disk, without creating one.</summary>
    public async Task<AgentStore?> GetExistingAsync(string agentId)
    {
        var id = AgentId.NormalizeValue(agentId);
        return File.Exists(AgentDatabase.PathFor(runtime.StateDir, id)) ? await GetAsync(id).ConfigureAwait(false) : null;
    }

    /// <summary>Agent ids that have a DB under <c>agents/</c>, whether or not configured.</summary>
    public IReadOnlyList<string> AgentIdsOnDisk()
    {
        var root = Path.Combine(runtime.StateDir, "agents");
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(id => AgentId.IsValid(id) && id == AgentId.NormalizeValue(id) && File.Exists(AgentDatabase.PathFor(runtime.StateDir, id)))
            .Order(StringComparer.Ordinal)];
    }

    public ValueTask DisposeAsync()
    {
        _stores.Clear();
        return _databases.DisposeAsync();
    }
}
