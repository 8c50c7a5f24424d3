using System.Globalization;
using Microsoft.Data.Sqlite;
using Pincer.Sessions.Store;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// <see cref="ISessionStore"/> on the reference's <c>session_nodes</c> (one row per session key,
/// <c>entry_json</c> canonical, query columns projected from it) and <c>session_windows</c> (one row
/// per session id). Rows the reference left as placeholders (<c>entry_json = '{}'</c>, written when a
/// transcript arrives before its entry) are not sessions yet and are not listed.
/// </summary>
public sealed class SqliteSessionStore(AgentDatabase database) : ISessionStore
{
    private const string ValidEntry = "json_valid(entry_json) AND json_type(entry_json, '$.sessionId') = 'text'";

    public Task<SessionEntry?> GetAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionKey);
        return database.ReadAsync(connection => Read(connection, null, sessionKey), cancellationToken);
    }

    public Task<IReadOnlyList<SessionRecord>> ListAsync(SessionListQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new SessionListQuery();
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return database.ReadAsync<IReadOnlyList<SessionRecord>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT session_key, entry_json FROM session_nodes
                WHERE {ValidEntry} {(query.IncludeArchived ? "" : "AND archived_at IS NULL")}
                ORDER BY updated_at DESC, session_key
                LIMIT $limit OFFSET $offset
                """;
            command.Parameters.AddWithValue("$limit", query.Limit is { } limit ? Math.Max(0, limit) : -1);
            command.Parameters.AddWithValue("$offset", query.Offset);
            using var reader = command.ExecuteReader();
            var records = new List<SessionRecord>();
            while (reader.Read())
            {
                if (SessionEntry.Parse(reader.GetString(1)) is { } entry)
                {
                    records.Add(new SessionRecord(reader.GetString(0), entry));
                }
            }

            return records;
        }, cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM session_nodes WHERE {ValidEntry}";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task UpsertAsync(string sessionKey, SessionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var copy = entry.Clone();
        return UpdateAsync(sessionKey, _ => copy, cancellationToken);
    }

    public Task<SessionEntry?> UpdateAsync(string sessionKey, Func<SessionEntry?, SessionEntry?> update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionKey);
        ArgumentNullException.ThrowIfNull(update);
        return database.WriteAsync((connection, transaction) =>
        {
            var current = Read(connection, transaction, sessionKey);
            var next = update(current?.Clone());
            if (next is null)
            {
                return current;
            }

            var json = next.Clone().Json;
            if (SessionNodeRow.Text(json, "sessionId") is null)
            {
                throw new ArgumentException($"A session entry needs a non-blank sessionId (session {sessionKey}).", nameof(update));
            }

            SessionNodeRow.Normalize(json, database.NowMs);
            SessionNodeRow.WriteNode(connection, transaction, sessionKey, json);
            var sameWindow = current?.SessionId is { } previous && previous == SessionNodeRow.Raw(json, "sessionId");
            SessionNodeRow.WriteWindow(connection, transaction, sessionKey, json, claim: !sameWindow);
            return new SessionEntry(json).Clone();
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionKey);
        return database.WriteAsync((connection, transaction) =>
        {
            // FTS ownership rows have no foreign key (their trigger removes the FTS text); the rest cascades
            // from the node: windows → transcript events → identities and projections.
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM session_transcript_fts_rows
                WHERE session_id IN (SELECT session_id FROM session_windows WHERE session_key = $key);
                DELETE FROM session_nodes WHERE session_key = $key;
                SELECT changes();
                """;
            command.Parameters.AddWithValue("$key", sessionKey);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }, cancellationToken);
    }

    private static SessionEntry? Read(SqliteConnection connection, SqliteTransaction? transaction, string sessionKey)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT entry_json FROM session_nodes WHERE session_key = $key AND {ValidEntry}";
        command.Parameters.AddWithValue("$key", sessionKey);
        return command.ExecuteScalar() is string json ? SessionEntry.Parse(json) : null;
    }
}
