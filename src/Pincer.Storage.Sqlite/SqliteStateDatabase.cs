using System.Globalization;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Schema;

namespace Pincer.Storage.Sqlite;

/// <summary>
/// The shared control-plane DB, <c>&lt;stateDir&gt;/state/openclaw.sqlite</c>, that the reference
/// gateway also uses, through <see cref="SqliteFileConnections"/> (one gated writer, pooled readers,
/// disk work off the caller's thread).
/// </summary>
public sealed class SqliteStateDatabase : IAsyncDisposable, IDisposable
{
    private readonly SqliteFileConnections _connections;

    private SqliteStateDatabase(string path, TimeProvider time)
    {
        Path = path;
        Time = time;
        _connections = new SqliteFileConnections(path, foreignKeys: false, this);
    }

    /// <summary>Full path of the DB file.</summary>
    public string Path { get; }

    internal TimeProvider Time { get; }

    internal long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Resolves the DB path for a state dir, the same way the reference does.</summary>
    public static string PathFor(string stateDir) => System.IO.Path.Combine(stateDir, "state", "openclaw.sqlite");

    /// <summary>
    /// Opens the state DB, creating it with the reference's schema 18 when missing. Refuses (with
    /// <see cref="StateDatabaseRefusedException"/>, before any write) a DB of another schema version.
    /// </summary>
    public static SqliteStateDatabase Open(string stateDir, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDir);
        time ??= TimeProvider.System;
        var path = PathFor(stateDir);
        // A zero-length file has no header yet: the reference initialises such a file too (page_count 0).
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            StateDatabaseCreator.Create(path, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        else
        {
            StateDatabaseAdmission.Admit(path);
        }

        return new SqliteStateDatabase(path, time);
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer connection.</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        _connections.WriteAsync(work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled read-only connection (a WAL snapshot).</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default) =>
        _connections.ReadAsync(work, cancellationToken);

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connections.Dispose();

    /// <summary>Waits for the write in flight (if any) to commit, then closes every connection.</summary>
    public ValueTask DisposeAsync() => _connections.DisposeAsync();
}
