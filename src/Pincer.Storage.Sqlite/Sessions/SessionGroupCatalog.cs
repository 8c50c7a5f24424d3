namespace Pincer.Storage.Sqlite.Sessions;

/// <summary>One <c>session_groups</c> row.</summary>
public sealed record SessionGroupRow(string Name, long Position, long CreatedAt, string? Cwd, long? Worktree);

/// <summary>The catalog at one moment: the groups in order and the sidebar's section order.</summary>
public sealed record SessionGroupCatalog(IReadOnlyList<SessionGroupRow> Groups, IReadOnlyList<string> SectionOrder);
