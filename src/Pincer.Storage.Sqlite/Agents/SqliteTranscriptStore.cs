using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Sessions.Transcripts;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// <see cref="ITranscriptStore"/> on the reference's <c>transcript_events</c> (one row per event,
/// <c>seq</c> from 0, the event's JSON text, <c>created_at</c> = the event's own timestamp in ms) with
/// what the reference maintains alongside in the same transaction: the session window, the rewrite
/// generation, <c>transcript_event_identities</c> (id → seq, parent, message idempotency key) and the
/// active-branch/search projection. Pincer writes identity (TEXT) rows only; compressed rows the
/// reference wrote are read through <see cref="ZstdFrames"/>.
/// </summary>
public sealed class SqliteTranscriptStore(AgentDatabase database) : ITranscriptStore
{
    private const string EventColumns = "seq, created_at, event_json, event_zstd, event_utf8_bytes";

    public Task<int> AppendAsync(string sessionKey, string sessionId, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.FromResult(0);
        }

        // Serialised before the writer is taken: the caller may keep editing its entries afterwards.
        var events = entries.Select(e => (JsonObject)e.Json.DeepClone()).ToList();
        return database.WriteAsync((connection, transaction) =>
        {
            var writer = new TranscriptAppender(connection, transaction, database, sessionKey, sessionId);
            var appended = events.Count(writer.Append);
            if (appended > 0)
            {
                writer.TouchMutation();
            }

            return appended;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredTranscriptEntry>> ReadAllAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ReadEvents(sessionId, $"SELECT {EventColumns} FROM transcript_events WHERE session_id = $sid ORDER BY seq", null, reverse: false, cancellationToken);

    public Task<IReadOnlyList<StoredTranscriptEntry>> ReadFromAsync(string sessionId, long fromSeq, CancellationToken cancellationToken = default) =>
        ReadEvents(sessionId, $"SELECT {EventColumns} FROM transcript_events WHERE session_id = $sid AND seq >= $from ORDER BY seq",
            p => p.AddWithValue("$from", fromSeq), reverse: false, cancellationToken);

    public Task<IReadOnlyList<StoredTranscriptEntry>> ReadTailAsync(string sessionId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ReadEvents(sessionId, $"SELECT {EventColumns} FROM transcript_events WHERE session_id = $sid ORDER BY seq DESC LIMIT $n",
            p => p.AddWithValue("$n", count), reverse: true, cancellationToken);
    }

    public async Task<StoredTranscriptEntry?> FindAsync(string sessionId, string entryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        var rows = await ReadEvents(sessionId, $"""
            SELECT {EventColumns} FROM transcript_events
            WHERE session_id = $sid AND seq = (SELECT seq FROM transcript_event_identities WHERE session_id = $sid AND event_id = $id)
            """, p => p.AddWithValue("$id", entryId.Trim()), reverse: false, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    public Task<long> CountAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM transcript_events WHERE session_id = $sid";
            command.Parameters.AddWithValue("$sid", sessionId);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    public Task<int> DeleteAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM session_transcript_fts_rows WHERE session_id = $sid;
                DELETE FROM session_transcript_active_events WHERE session_id = $sid;
                DELETE FROM session_transcript_index_state WHERE session_id = $sid;
                DELETE FROM transcript_event_identities WHERE session_id = $sid;
                DELETE FROM transcript_events WHERE session_id = $sid;
                SELECT changes();
                """;
            command.Parameters.AddWithValue("$sid", sessionId);
            var deleted = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (deleted > 0)
            {
                // A destructive change gets a new generation, so readers holding cursors start over.
                using var rotate = connection.CreateCommand();
                rotate.Transaction = transaction;
                rotate.CommandText = """
                    INSERT INTO transcript_rewrite_watermarks (session_id, generation, updated_at) VALUES ($sid, $generation, $now)
                    ON CONFLICT (session_id) DO UPDATE SET generation = excluded.generation, updated_at = excluded.updated_at
                    """;
                rotate.Parameters.AddWithValue("$sid", sessionId);
                rotate.Parameters.AddWithValue("$generation", TranscriptAppender.NewGeneration());
                rotate.Parameters.AddWithValue("$now", database.NowMs);
                rotate.ExecuteNonQuery();
                new TranscriptAppender(connection, transaction, database, null, sessionId).TouchMutation();
            }

            return deleted;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<StoredTranscriptEntry>> ReadEvents(string sessionId, string sql, Action<SqliteParameterCollection>? bind, bool reverse, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return database.ReadAsync<IReadOnlyList<StoredTranscriptEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$sid", sessionId);
            bind?.Invoke(command.Parameters);
            var entries = new List<StoredTranscriptEntry>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var seq = reader.GetInt64(0);
                    var json = !reader.IsDBNull(2)
                        ? reader.GetString(2)
                        : ZstdFrames.Decode((byte[])reader[3], reader.GetInt64(4), database.Path, sessionId, seq);
                    var entry = TranscriptEntry.Parse(json)
                        ?? throw new TranscriptStorageException($"Transcript event {sessionId}#{seq} in {database.Path} is not a JSON object.");
                    entries.Add(new StoredTranscriptEntry(seq, reader.GetInt64(1), entry));
                }
            }

            if (entries.Count == 0)
            {
                TranscriptAppender.ThrowIfCold(connection, null, database.Path, sessionId);
            }

            if (reverse)
            {
                entries.Reverse();
            }

            return entries;
        }, cancellationToken);
    }
}
