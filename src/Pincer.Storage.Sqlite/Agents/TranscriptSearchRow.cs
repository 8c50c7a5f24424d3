namespace Pincer.Storage.Sqlite.Agents;

/// <summary>One row of <c>session_transcript_fts</c>: a message's searchable text, its role and time (ms, stored as REAL).</summary>
internal sealed record TranscriptSearchRow(string MessageId, string Role, string Text, double TimestampMs);
