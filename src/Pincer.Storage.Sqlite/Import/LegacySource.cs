namespace Pincer.Storage.Sqlite.Import;

/// <summary>One legacy file waiting for import; <paramref name="AgentId"/> is set for per-agent stores.</summary>
public sealed record LegacySource(LegacySourceKind Kind, string Path, string? AgentId = null);
