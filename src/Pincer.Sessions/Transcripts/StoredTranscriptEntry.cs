namespace Pincer.Sessions.Transcripts;

/// <summary>A transcript entry as stored: its 0-based position in the session's log and its row time (Unix ms).</summary>
public sealed record StoredTranscriptEntry(long Seq, long CreatedAtMs, TranscriptEntry Entry);
