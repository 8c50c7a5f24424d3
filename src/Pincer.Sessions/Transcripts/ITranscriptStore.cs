namespace Pincer.Sessions.Transcripts;

/// <summary>
/// Append-only transcripts, one log per session id (a session key's current window). Writes are
/// serialised and complete after commit; reads never block the caller's thread on disk.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>
    /// Appends <paramref name="entries"/> in order to the log of <paramref name="sessionId"/>, owned by
    /// <paramref name="sessionKey"/>. An entry whose id is already in the log is skipped (appends are
    /// idempotent by entry id). Returns how many were appended.
    /// </summary>
    Task<int> AppendAsync(string sessionKey, string sessionId, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredTranscriptEntry>> ReadAllAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries at <paramref name="fromSeq"/> and after, oldest first: what a reader holding the log up to there
    /// needs to catch up. The default reads the whole log; stores that can seek override it.
    /// </summary>
    async Task<IReadOnlyList<StoredTranscriptEntry>> ReadFromAsync(string sessionId, long fromSeq, CancellationToken cancellationToken = default)
    {
        var all = await ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(e => e.Seq >= fromSeq)];
    }

    /// <summary>The last <paramref name="count"/> entries, oldest first.</summary>
    Task<IReadOnlyList<StoredTranscriptEntry>> ReadTailAsync(string sessionId, int count, CancellationToken cancellationToken = default);

    Task<StoredTranscriptEntry?> FindAsync(string sessionId, string entryId, CancellationToken cancellationToken = default);

    Task<long> CountAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Removes the session's whole log (and what is derived from it). Returns the number of entries removed.</summary>
    Task<int> DeleteAsync(string sessionId, CancellationToken cancellationToken = default);
}
