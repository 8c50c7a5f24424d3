using System.Collections.Concurrent;
using Pincer.Abstractions.Agents;
using Pincer.Gateway.Hosting;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions;

/// <summary>
/// The per-agent DBs, each opened on first use (off the caller's thread: opening can create the
/// file and run its DDL) and kept open until the gateway stops, so every session read and write
/// for an agent goes through one writer.
/// </summary>
internal sealed class AgentStores(GatewayRuntime runtime, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AgentStore>>> _open = new(StringComparer.Ordinal);

    /// <summary>The state dir whose <c>agents/</c> holds the DBs.</summary>
    public string StateDir => runtime.StateDir;

    /// <summary>The agent's stores, opening (and if needed creating) its DB.</summary>
    public Task<AgentStore> GetAsync(string agentId)
    {
        var id = AgentId.NormalizeValue(agentId);
        return _open.GetOrAdd(id, key => new Lazy<Task<AgentStore>>(() => Task.Run(() => Open(key)))).Value;
    }

    /// <summary>The agent's stores when its DB already exists on disk, without creating one.</summary>
    public async Task<AgentStore?> GetExistingAsync(string agentId)
    {
        var id = AgentId.NormalizeValue(agentId);
        if (!_open.ContainsKey(id) && !File.Exists(AgentDatabase.PathFor(runtime.StateDir, id)))
        {
            return null;
        }

        return await GetAsync(id).ConfigureAwait(false);
    }

    /// <summary>Agent ids that have a DB directory under <c>agents/</c>, whether or not configured.</summary>
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
            .Where(id => File.Exists(AgentDatabase.PathFor(runtime.StateDir, id)))
            .Order(StringComparer.Ordinal)];
    }

    private AgentStore Open(string agentId)
    {
        var database = AgentDatabase.Open(runtime.StateDir, agentId, time);
        return new AgentStore(agentId, database, new SqliteSessionStore(database), new SqliteTranscriptStore(database));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _open.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await entry.Value.ConfigureAwait(false)).Database.DisposeAsync().ConfigureAwait(false);
            }
            catch (AgentDatabaseRefusedException)
            {
                // Never opened: nothing to close.
            }
        }

        _open.Clear();
    }
}
