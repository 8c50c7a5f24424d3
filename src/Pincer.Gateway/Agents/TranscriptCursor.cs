using Pincer.Gateway.Sessions.Read;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Where a turn's appends land in its transcript: the next raw position and the count of visible history
/// entries, so each committed entry can be announced with the <c>rawSeq</c>/<c>messageSeq</c> a later
/// <c>chat.history</c> will give it. Valid because a session runs one turn at a time.
/// </summary>
internal sealed class TranscriptCursor(long nextRawSeq, long visibleCount)
{
    private readonly Lock _gate = new();

    public long NextRawSeq { get; private set; } = nextRawSeq;

    public long VisibleCount { get; private set; } = visibleCount;

    /// <summary>Accounts for one committed entry; returns it as stored, with its message seq (0 when not visible).</summary>
    public (StoredTranscriptEntry Stored, long MessageSeq) Advance(TranscriptEntry entry, long atMs)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            var stored = new StoredTranscriptEntry(NextRawSeq++, atMs, entry);
            if (!ChatHistoryMessage.IsVisible(entry))
            {
                return (stored, 0);
            }

            VisibleCount++;
            return (stored, VisibleCount);
        }
    }
}
