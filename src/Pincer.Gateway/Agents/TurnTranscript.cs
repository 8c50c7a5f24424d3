using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Agents;

/// <summary>A turn's view of its transcript once the user's message is committed.</summary>
/// <param name="History">Every stored entry, the new user message last.</param>
/// <param name="User">The user's message as stored.</param>
/// <param name="Cursor">Where the run's own appends land.</param>
/// <param name="Source">The display source of this transcript generation (positions in history answers carry it).</param>
internal sealed record TurnTranscript(IReadOnlyList<StoredTranscriptEntry> History, StoredTranscriptEntry User, long UserMessageSeq, TranscriptCursor Cursor, string? Source);
