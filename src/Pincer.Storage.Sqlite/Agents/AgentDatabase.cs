using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Schema;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// One agent's data-plane DB, <c>&lt;stateDir&gt;/agents/&lt;agentId&gt;/agent/openclaw-agent.sqlite</c>,
/// shared file-for-file with the reference gateway. One writer connection behind an async gate
/// (SQLite has one writer anyway; one connection keeps our writes ordered and each acknowledged only
/// after its commit), pooled read-only connections for readers, all disk work on the thread pool.
/// </summary>
public sealed class AgentDatabase : IAsyncDisposable
{
    /// <summary>Long enough to ride out the reference touching the same file; short enough to surface a stuck lock.</summary>
    private const int BusyTimeoutMs = 5000;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private bool _disposed;

    private AgentDatabase(string path, string agentId, TimeProvider time)
    {
        Path = path;
        AgentId = agentId;
        Time = time;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        // node:sqlite, which the reference uses, enforces foreign keys by default; its cascades
        // (node → windows → events → identities) are part of the contract.
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        _writer.Open();
        SqliteStateDatabase.Execute(_writer, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    }

    public string Path { get; }

    public string AgentId { get; }

    internal TimeProvider Time { get; }

    internal long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The reference's path for an agent's DB under a state dir.</summary>
    public static string PathFor(string stateDir, string agentId) =>
        System.IO.Path.Combine(stateDir, "agents", NormalizeAgentId(agentId), "agent", "openclaw-agent.sqlite");

    /// <summary>
    /// Opens the agent's DB, creating it with the reference's schema 23 when missing. Refuses (with
    /// <see cref="AgentDatabaseRefusedException"/>, before any write) a DB of another schema version or
    /// one owned by another agent. Pincer does not migrate older agent DBs: the reference's
    /// <c>openclaw doctor --fix</c> does, with its backup and maintenance lease.
    /// </summary>
    public static AgentDatabase Open(string stateDir, string agentId, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        time ??= TimeProvider.System;
        var normalized = NormalizeAgentId(agentId);
        var path = PathFor(stateDir, normalized);
        var contract = AgentSchema.For(normalized);
        // A zero-length file has no header yet: the reference initialises such a file too (page_count 0).
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            SchemaCreator.Create(path, contract, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        else
        {
            SchemaAdmission.Admit(path, contract);
        }

        return new AgentDatabase(path, normalized, time);
    }

    /// <summary>Agent ids are case-insensitive and stored lower-case.</summary>
    private static string NormalizeAgentId(string agentId) => agentId.Trim().ToLowerInvariant();

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer; completes after commit.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Not cancellable once started: a half-run transaction is rolled back, never left open.
            return await Task.Run(() =>
            {
                using var transaction = _writer.BeginTransaction(deferred: false);
                var result = work(_writer, transaction);
                transaction.Commit();
                return result;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read-only connection (a WAL snapshot).</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(() =>
        {
            using var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            return work(connection);
        }, cancellationToken);
    }

    /// <summary>Waits for the write in flight (if any) to commit, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            // Pooled readers hold file handles (and keep the WAL from being removed) until cleared.
            using var probe = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(probe);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
