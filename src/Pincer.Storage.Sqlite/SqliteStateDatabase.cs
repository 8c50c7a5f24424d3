using System.Globalization;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Schema;

namespace Pincer.Storage.Sqlite;

/// <summary>
/// The shared control-plane DB, <c>&lt;stateDir&gt;/state/openclaw.sqlite</c>, that the reference
/// gateway also uses: one writer connection behind a gate (SQLite allows one writer anyway, and a
/// single connection keeps our own writes ordered), pooled read-only connections for readers.
/// Work runs on the thread pool so SQLite's file I/O and fsyncs never block a caller's thread.
/// </summary>
public sealed class SqliteStateDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>Long enough to ride out the reference's CLI touching the DB; short enough to surface a stuck lock.</summary>
    private const int BusyTimeoutMs = 5000;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private bool _disposed;

    private SqliteStateDatabase(string path, TimeProvider time)
    {
        Path = path;
        Time = time;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        _writer.Open();
        Execute(_writer, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
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
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
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

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeGate.Wait();
        try
        {
            _writer.Dispose();
            // Pooled readers hold file handles (and block the WAL from being removed) until cleared.
            using var probe = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(probe);
        }
        finally
        {
            _writeGate.Release();
            _writeGate.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
