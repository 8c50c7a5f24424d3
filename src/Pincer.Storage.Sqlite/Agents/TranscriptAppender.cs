using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>One append batch inside the writer's transaction, in the reference's order of writes.</summary>
internal sealed class TranscriptAppender(SqliteConnection connection, SqliteTransaction transaction, AgentDatabase database, string? sessionKey, string sessionId)
{
    private TranscriptProjection? _projection;
    private long? _nextSeq;
    private bool _rootReady;

    public static string NewGeneration() => Guid.NewGuid().ToString("N");

    public bool Append(JsonObject evt)
    {
        var createdAt = EventTimestamp(evt) ?? database.NowMs;
        if (!_rootReady)
        {
            EnsureRoot(createdAt);
            _rootReady = true;
        }
        else
        {
            Execute("UPDATE session_windows SET updated_at = $at WHERE session_id = $sid", p => p.AddWithValue("$at", createdAt));
        }

        var eventId = SessionNodeRow.Text(evt, "id");
        if (eventId is not null && Scalar("SELECT count(*) FROM transcript_event_identities WHERE session_id = $sid AND event_id = $id", p => p.AddWithValue("$id", eventId)) > 0)
        {
            return false;
        }

        var seq = _nextSeq ??= Scalar("SELECT coalesce(max(seq), -1) + 1 FROM transcript_events WHERE session_id = $sid", null);
        var json = JavaScriptJson.Stringify(evt);
        Execute("""
            INSERT INTO transcript_events (session_id, seq, event_json, event_zstd, event_utf8_bytes, navigation_json, created_at)
            VALUES ($sid, $seq, $json, NULL, $bytes, NULL, $at)
            """, p =>
        {
            p.AddWithValue("$seq", seq);
            p.AddWithValue("$json", json);
            p.AddWithValue("$bytes", Encoding.UTF8.GetByteCount(json));
            p.AddWithValue("$at", createdAt);
        });
        _nextSeq = seq + 1;

        _projection ??= new TranscriptProjection(connection, transaction, sessionId);
        _projection.Append(seq, evt, eventId, createdAt, database.NowMs);

        if (eventId is not null)
        {
            var idempotencyKey = evt["message"] is JsonObject message ? SessionNodeRow.Text(message, "idempotencyKey") : null;
            if (idempotencyKey is not null
                && Scalar("SELECT count(*) FROM transcript_event_identities WHERE session_id = $sid AND message_idempotency_key = $k", p => p.AddWithValue("$k", idempotencyKey)) > 0)
            {
                // The key already names an earlier message; the earlier one keeps it.
                idempotencyKey = null;
            }

            Execute("""
                INSERT INTO transcript_event_identities (session_id, event_id, seq, event_type, parent_id, message_idempotency_key, created_at)
                VALUES ($sid, $id, $seq, $type, $parent, $key, $at)
                ON CONFLICT (session_id, event_id) DO NOTHING
                """, p =>
            {
                p.AddWithValue("$id", eventId);
                p.AddWithValue("$seq", seq);
                p.AddWithValue("$type", SessionNodeRow.Db(SessionNodeRow.Raw(evt, "type")));
                p.AddWithValue("$parent", SessionNodeRow.Db(SessionNodeRow.Raw(evt, "parentId")));
                p.AddWithValue("$key", SessionNodeRow.Db(idempotencyKey));
                p.AddWithValue("$at", createdAt);
            });
        }

        return true;
    }

    /// <summary>Moves <c>transcript_updated_at</c> strictly forward (past both its last value and the last observation).</summary>
    public void TouchMutation()
    {
        Execute("""
            UPDATE session_windows SET transcript_updated_at = max($now, coalesce(transcript_updated_at, -1) + 1, coalesce(transcript_observed_at, -1) + 1)
            WHERE session_id = $sid
            """, p => p.AddWithValue("$now", database.NowMs));
    }

    public static void ThrowIfCold(SqliteConnection connection, SqliteTransaction? transaction, string path, string sessionId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT archive_name FROM session_transcript_cold_archives WHERE session_id = $sid";
        command.Parameters.AddWithValue("$sid", sessionId);
        if (command.ExecuteScalar() is string archive)
        {
            throw new TranscriptStorageException(
                $"The transcript of session {sessionId} in {path} was moved to cold storage ({archive}); Pincer does not restore cold archives yet. "
                + "Restore it with the OpenClaw reference; nothing was changed.");
        }
    }

    /// <summary>The event's own time (ISO string or ms number), as the reference stamps <c>created_at</c>.</summary>
    internal static long? EventTimestamp(JsonObject evt)
    {
        if (evt["timestamp"] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return SessionNodeRow.Number(evt, "timestamp");
        }

        return SessionNodeRow.Raw(evt, "timestamp") is { } text && text.Trim().Length > 0 && TranscriptTree.ParseDate(text) is var ms && double.IsFinite(ms)
            ? (long)ms
            : null;
    }

    private void EnsureRoot(long createdAt)
    {
        ThrowIfCold(connection, transaction, database.Path, sessionId);
        var owner = ScalarText("SELECT session_key FROM session_windows WHERE session_id = $sid", null);
        var key = sessionKey ?? owner ?? throw new TranscriptStorageException($"Session {sessionId} has no window in {database.Path}.");
        if (owner is not null && owner != key)
        {
            throw new TranscriptStorageException($"Transcript session {sessionId} belongs to {owner}, not {key}; nothing was changed.");
        }

        if (Scalar("SELECT count(*) FROM session_nodes WHERE session_key = $key", p => p.AddWithValue("$key", key)) == 0)
        {
            // The reference's placeholder for a transcript that arrives before its entry.
            Execute("""
                INSERT INTO session_nodes (session_key, current_session_id, entry_json, entry_valid, updated_at)
                VALUES ($key, $sid, '{}', -1, $at) ON CONFLICT (session_key) DO NOTHING;
                UPDATE session_nodes SET entry_valid = -1 WHERE session_key = $key;
                """, p =>
            {
                p.AddWithValue("$key", key);
                p.AddWithValue("$at", createdAt);
            });
        }

        Execute("""
            INSERT INTO session_windows (session_id, session_key, previous_session_id, reason, session_scope, created_at, updated_at)
            VALUES ($sid, $key, NULL, NULL, 'conversation', $at, $at)
            ON CONFLICT (session_id) DO UPDATE SET updated_at = excluded.updated_at;
            INSERT INTO transcript_rewrite_watermarks (session_id, generation, updated_at) VALUES ($sid, $generation, $now)
            ON CONFLICT (session_id) DO NOTHING;
            """, p =>
        {
            p.AddWithValue("$key", key);
            p.AddWithValue("$at", createdAt);
            p.AddWithValue("$generation", NewGeneration());
            p.AddWithValue("$now", database.NowMs);
        });
    }

    private void Execute(string sql, Action<SqliteParameterCollection>? bind)
    {
        var command = Command(sql);
        bind?.Invoke(command.Parameters);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql, Action<SqliteParameterCollection>? bind)
    {
        var command = Command(sql);
        bind?.Invoke(command.Parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private string? ScalarText(string sql, Action<SqliteParameterCollection>? bind)
    {
        var command = Command(sql);
        bind?.Invoke(command.Parameters);
        return command.ExecuteScalar() as string;
    }

    /// <summary>A prepared writer command (not to be disposed) with the session bound.</summary>
    private SqliteCommand Command(string sql)
    {
        var command = Schema.WriterCommands.For(connection, transaction, sql);
        command.Parameters.AddWithValue("$sid", sessionId);
        return command;
    }
}
