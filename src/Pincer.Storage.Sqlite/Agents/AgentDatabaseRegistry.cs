using System.Collections.Concurrent;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// The process's one <see cref="AgentDatabase"/> per agent, opened on first use (off the caller's
/// thread) and shared by every store: two instances on one file would be two writers. A failed open
/// (a refused DB) is not cached, so fixing the file and retrying works without a restart.
/// </summary>
public sealed class AgentDatabaseRegistry(string stateDir, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AgentDatabase>>> _databases = new(StringComparer.Ordinal);
    private bool _disposed;

    public string StateDir { get; } = stateDir;

    public async Task<AgentDatabase> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = AgentDatabase.PathFor(StateDir, agentId);
        var lazy = _databases.GetOrAdd(key, _ => new Lazy<Task<AgentDatabase>>(() => AgentDatabase.OpenAsync(StateDir, agentId, time)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _databases.TryRemove(new KeyValuePair<string, Lazy<Task<AgentDatabase>>>(key, lazy));
            throw;
        }
    }

    /// <summary>Closes every opened DB, each after its write in flight commits.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var lazy in _databases.Values)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            await ((Task)lazy.Value).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _databases.Clear();
    }
}
