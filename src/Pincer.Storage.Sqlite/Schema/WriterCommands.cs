using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// Prepared commands kept per writer connection, keyed by their SQL text. The reference's schema hangs triggers and
/// foreign keys on the tables a turn writes, so preparing one of those statements costs several times running it,
/// and every turn runs the same few dozen. Only for statements inside a write transaction (the one writer
/// connection, used by one thread at a time); callers must not dispose the command — the connection's close
/// finalises its statements.
/// </summary>
internal static class WriterCommands
{
    /// <summary>More distinct statements than Pincer's writers use; past it, statements are prepared each time.</summary>
    private const int MaxPerConnection = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Caches = new();

    /// <summary>The connection's command for <paramref name="sql"/>, with no parameters, in <paramref name="transaction"/>.</summary>
    public static SqliteCommand For(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var cache = Caches.GetOrCreateValue(connection);
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            if (cache.Count < MaxPerConnection)
            {
                cache[sql] = command;
            }
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }
}
