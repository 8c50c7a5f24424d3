namespace Pincer.Sessions.Store;

/// <summary>
/// The per-agent session table (session key → <see cref="SessionEntry"/>). Implementations serialise
/// writes and never block the caller's thread on disk; a write's task completes after it commits.
/// Entries handed out are copies: edit them and write them back.
/// </summary>
public interface ISessionStore
{
    Task<SessionEntry?> GetAsync(string sessionKey, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SessionRecord>> ListAsync(SessionListQuery? query = null, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the entry; it must carry a non-blank <see cref="SessionEntry.SessionId"/>.</summary>
    Task UpsertAsync(string sessionKey, SessionEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write under the writer: <paramref name="update"/> sees the current entry (null when
    /// absent) and returns the entry to store, or null to leave the row untouched. Returns what is stored.
    /// </summary>
    Task<SessionEntry?> UpdateAsync(string sessionKey, Func<SessionEntry?, SessionEntry?> update, CancellationToken cancellationToken = default);

    /// <summary>Deletes the session and everything it owns (windows, transcripts). False when it did not exist.</summary>
    Task<bool> DeleteAsync(string sessionKey, CancellationToken cancellationToken = default);
}
