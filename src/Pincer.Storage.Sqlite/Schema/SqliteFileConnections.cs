using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// The connections Pincer holds on one of the reference's SQLite files: one writer behind an async
/// gate (SQLite allows one writer anyway, and one connection keeps our writes ordered, each
/// acknowledged only after its commit) and pooled read-only connections, each read a WAL snapshot.
/// All disk work runs on the thread pool so no caller's thread (a WebSocket loop) waits on a fsync.
/// </summary>
internal sealed class SqliteFileConnections
{
    /// <summary>Long enough to ride out the reference touching the same file; short enough to surface a stuck lock.</summary>
    private const int BusyTimeoutMs = 5000;

    /// <summary>The reference's cap on the WAL file left behind by a checkpoint (64 MiB).</summary>
    private const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly object _owner;
    private bool _disposed;

    /// <param name="foreignKeys">Enforce foreign keys on the writer, as node:sqlite (the reference) does by default.</param>
    public SqliteFileConnections(string path, bool foreignKeys, object owner)
    {
        _owner = owner;
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
            ForeignKeys = foreignKeys ? true : null,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        _writer.Open();
        SqliteStateDatabase.Execute(_writer, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = {JournalSizeLimitBytes};");
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer; completes after commit.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, _owner);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
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

    /// <summary>Runs <paramref name="work"/> on a pooled read-only connection.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, _owner);
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
        Close();
    }

    /// <summary>As <see cref="DisposeAsync"/>, blocking; for owners with a synchronous Dispose.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _writeGate.Wait();
        Close();
    }

    /// <summary>
    /// The reference's close-time <c>TRUNCATE</c> checkpoint. Another process reading the file (the reference's CLI, a
    /// backup) can make it busy; the WAL then stays as it is, still valid, for the next open to use.
    /// </summary>
    private void CheckpointBeforeClose()
    {
        try
        {
            SqliteStateDatabase.Execute(_writer, "PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
        }
    }

    private void Close()
    {
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            // Readers go first so the writer closes last: SQLite folds the WAL into the file and removes the -wal
            // and -shm files only when the last connection to close can write, which leaves the DB after a clean
            // stop as the reference leaves it (a single file).
            using (var probe = new SqliteConnection(_readConnectionString))
            {
                SqliteConnection.ClearPool(probe);
            }

            CheckpointBeforeClose();
            _writer.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
