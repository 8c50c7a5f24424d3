namespace Pincer.Sessions.Store;

/// <summary>A page of sessions, most recently updated first (the reference's index order).</summary>
public sealed record SessionListQuery
{
    public int Offset { get; init; }

    /// <summary>At most this many rows; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether sessions with <c>archivedAt</c> set are included.</summary>
    public bool IncludeArchived { get; init; } = true;
}
