using System.Globalization;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// What readers of a transcript need besides its events: the rewrite generation (changes on every
/// destructive rewrite, so cursors and display positions from before are recognisably stale) and the
/// active leaf the reference's branch projection recorded.
/// </summary>
public sealed record TranscriptWatermark(string? Generation, string? LeafEventId)
{
    public static Task<TranscriptWatermark> ReadAsync(AgentDatabase database, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT generation FROM transcript_rewrite_watermarks WHERE session_id = $sid),
                       (SELECT leaf_event_id FROM session_transcript_index_state WHERE session_id = $sid)
                """;
            command.Parameters.AddWithValue("$sid", sessionId);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new TranscriptWatermark(
                reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.IsDBNull(1) ? null : reader.GetString(1));
        }, cancellationToken);
    }
}
