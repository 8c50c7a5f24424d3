using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Schema;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// One agent's data-plane DB, <c>&lt;stateDir&gt;/agents/&lt;agentId&gt;/agent/openclaw-agent.sqlite</c>,
/// shared file-for-file with the reference gateway, through <see cref="SqliteFileConnections"/>: one
/// gated writer whose writes are acknowledged after commit, pooled readers, disk work off the caller's thread.
/// </summary>
public sealed class AgentDatabase : IAsyncDisposable
{
    private readonly SqliteFileConnections _connections;

    private AgentDatabase(string path, string agentId, TimeProvider time)
    {
        Path = path;
        AgentId = agentId;
        Time = time;
        // node:sqlite, which the reference uses, enforces foreign keys by default; its cascades
        // (node → windows → events → identities) are part of the contract.
        _connections = new SqliteFileConnections(path, foreignKeys: true, this);
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

    /// <summary><see cref="Open"/> off the caller's thread: creation and admission read and write the file.</summary>
    public static Task<AgentDatabase> OpenAsync(string stateDir, string agentId, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(stateDir, agentId, time), cancellationToken);

    /// <summary>
    /// Agent ids are case-insensitive and stored lower-case. Only canonical ids are accepted (the
    /// reference's <c>[a-z0-9][a-z0-9_-]{0,63}</c>): the id is a directory name, so anything else is the
    /// caller's bug (normalise it first), never a path to follow.
    /// </summary>
    private static string NormalizeAgentId(string agentId)
    {
        var id = agentId.Trim().ToLowerInvariant();
        if (id.Length is 0 or > 64 || !char.IsAsciiLetterOrDigit(id[0]) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"'{agentId}' is not a canonical agent id.", nameof(agentId));
        }

        return id;
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer; completes after commit.</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        _connections.WriteAsync(work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled read-only connection (a WAL snapshot).</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default) =>
        _connections.ReadAsync(work, cancellationToken);

    /// <summary>Waits for the write in flight (if any) to commit, then closes every connection.</summary>
    public ValueTask DisposeAsync() => _connections.DisposeAsync();
}
