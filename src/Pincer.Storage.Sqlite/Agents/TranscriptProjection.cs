using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// The reference's forward-only transcript projection, maintained in the append's transaction:
/// the materialised active branch (<c>session_transcript_active_events</c>), the search index
/// (<c>session_transcript_fts</c> with its ownership map <c>session_transcript_fts_rows</c>) and the
/// watermark (<c>session_transcript_index_state</c>). An append that does not simply extend the active
/// branch (a branch, a leaf control, a gap) marks the session <c>needs_rebuild = 1</c>, exactly where
/// the reference does, and the reference's reconciler rebuilds it from the raw events.
/// </summary>
internal sealed class TranscriptProjection
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly string _sessionId;
    private Cursor? _cursor;
    private bool? _hasUnclassified;

    public TranscriptProjection(SqliteConnection connection, SqliteTransaction transaction, string sessionId)
    {
        _connection = connection;
        _transaction = transaction;
        _sessionId = sessionId;
        _cursor = ReadState();
    }

    /// <summary>Projects one appended event; returns true when the session was left for a rebuild.</summary>
    public bool Append(long seq, JsonObject evt, string? eventId, long createdAtMs, long nowMs)
    {
        if (_cursor is null)
        {
            // No watermark: only a log starting at seq 0 can be projected forward; otherwise the
            // reference's reconciler picks the session up (missing state counts as dirty).
            if (seq != 0 || Prepare(seq, evt, eventId, createdAtMs, new Cursor(0, 0, -1, null, false)) is not { } first)
            {
                return true;
            }

            Apply(first);
            return false;
        }

        if (_cursor.NeedsRebuild)
        {
            return true;
        }

        _hasUnclassified ??= HasUnclassifiedEvents();
        if (_hasUnclassified.Value || Prepare(seq, evt, eventId, createdAtMs, _cursor) is not { } next)
        {
            MarkDirty(nowMs);
            return true;
        }

        Apply(next);
        return false;
    }

    private Step? Prepare(long seq, JsonObject evt, string? eventId, long createdAtMs, Cursor cursor)
    {
        var type = SessionNodeRow.Raw(evt, "type");
        var tree = TranscriptTree.Parse(evt);
        var canonical = Pincer.Sessions.Transcripts.TranscriptEntryTypes.IsCanonical(type);
        var initializes = cursor.IndexedSeq == -1;
        var projectsActive = TranscriptTree.ProjectsActiveEvent(evt, type, canonical, tree);
        if (seq != cursor.IndexedSeq + 1
            || (!initializes && ((type == "leaf" && tree is not null)
                || (canonical && SessionNodeRow.Raw(evt, "appendMode") == "side")
                || (canonical && cursor.LeafEventId is null && cursor.ActiveEventCount > 0)
                || (!canonical && cursor.LeafEventId is not null && projectsActive)
                || (tree is not null && tree.Value.ParentId != cursor.LeafEventId))))
        {
            return null;
        }

        var projectsMessage = projectsActive && evt.ContainsKey("message");
        ActiveRow? active = projectsActive
            ? new ActiveRow(cursor.ActiveEventCount, seq, projectsMessage ? cursor.ActiveMessageCount : null,
                evt["message"] is JsonObject m && m["excludeFromContext"] is JsonValue v && v.GetValueKind() == JsonValueKind.True ? 0 : 1)
            : null;
        var next = new Cursor(
            cursor.ActiveEventCount + (projectsActive ? 1 : 0),
            cursor.ActiveMessageCount + (projectsMessage ? 1 : 0),
            seq,
            eventId is not null && canonical ? eventId : cursor.LeafEventId,
            false);
        return new Step(next, active, TranscriptTree.SearchRow(evt, createdAtMs), createdAtMs);
    }

    private void Apply(Step step)
    {
        if (step.Search is { } search)
        {
            Execute("""
                INSERT INTO session_transcript_fts_rows (session_id, message_id) VALUES ($sid, $mid);
                INSERT INTO session_transcript_fts (rowid, text, session_id, message_id, role, timestamp)
                VALUES (last_insert_rowid(), $text, $sid, $mid, $role, $ts);
                """, p =>
            {
                p.AddWithValue("$mid", search.MessageId);
                p.AddWithValue("$text", search.Text);
                p.AddWithValue("$role", search.Role);
                // node:sqlite binds JavaScript numbers as REAL; the untyped FTS column keeps that.
                p.AddWithValue("$ts", search.TimestampMs);
            });
        }

        if (step.Active is { } active)
        {
            Execute("""
                INSERT INTO session_transcript_active_events (session_id, active_position, context_eligible, event_seq, message_position)
                VALUES ($sid, $position, $eligible, $seq, $message)
                """, p =>
            {
                p.AddWithValue("$position", active.Position);
                p.AddWithValue("$eligible", active.ContextEligible);
                p.AddWithValue("$seq", active.EventSeq);
                p.AddWithValue("$message", (object?)active.MessagePosition ?? DBNull.Value);
            });
        }

        WriteState(step.Cursor, step.CreatedAtMs);
        _cursor = step.Cursor;
    }

    private void MarkDirty(long nowMs)
    {
        var dirty = (_cursor ?? new Cursor(0, 0, -1, null, true)) with { NeedsRebuild = true };
        WriteState(dirty, nowMs);
        _cursor = dirty;
    }

    private void WriteState(Cursor cursor, long updatedAtMs)
    {
        Execute("""
            INSERT INTO session_transcript_index_state (session_id, active_event_count, active_message_count, indexed_seq, leaf_event_id, needs_rebuild, updated_at)
            VALUES ($sid, $events, $messages, $seq, $leaf, $rebuild, $updated)
            ON CONFLICT (session_id) DO UPDATE SET active_event_count = excluded.active_event_count,
              active_message_count = excluded.active_message_count, indexed_seq = excluded.indexed_seq,
              leaf_event_id = excluded.leaf_event_id, needs_rebuild = excluded.needs_rebuild, updated_at = excluded.updated_at
            """, p =>
        {
            p.AddWithValue("$events", cursor.ActiveEventCount);
            p.AddWithValue("$messages", cursor.ActiveMessageCount);
            p.AddWithValue("$seq", cursor.IndexedSeq);
            p.AddWithValue("$leaf", (object?)cursor.LeafEventId ?? DBNull.Value);
            p.AddWithValue("$rebuild", cursor.NeedsRebuild ? 1 : 0);
            p.AddWithValue("$updated", updatedAtMs);
        });
    }

    private Cursor? ReadState()
    {
        var command = Command("""
            SELECT active_event_count, active_message_count, indexed_seq, leaf_event_id, needs_rebuild
            FROM session_transcript_index_state WHERE session_id = $sid
            """);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Cursor(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4) != 0)
            : null;
    }

    private bool HasUnclassifiedEvents()
    {
        var command = Command("SELECT EXISTS (SELECT 1 FROM session_transcript_active_events WHERE session_id = $sid AND context_eligible IS NULL)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    private void Execute(string sql, Action<SqliteParameterCollection> bind)
    {
        var command = Command(sql);
        bind(command.Parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>A prepared writer command (not to be disposed) with the session bound.</summary>
    private SqliteCommand Command(string sql)
    {
        var command = Schema.WriterCommands.For(_connection, _transaction, sql);
        command.Parameters.AddWithValue("$sid", _sessionId);
        return command;
    }

    private sealed record Cursor(long ActiveEventCount, long ActiveMessageCount, long IndexedSeq, string? LeafEventId, bool NeedsRebuild);

    private sealed record ActiveRow(long Position, long EventSeq, long? MessagePosition, int ContextEligible);

    private sealed record Step(Cursor Cursor, ActiveRow? Active, TranscriptSearchRow? Search, long CreatedAtMs);
}
