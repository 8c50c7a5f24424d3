using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// The per-agent DB contract of openclaw@2026.9.6: schema version 23, the DDL a fresh reference
/// agent DB carries (its <c>sqlite_master</c> in rowid order, FTS5 shadow tables and
/// <c>sqlite_sequence</c> left to SQLite), and the two singleton rows its schema script seeds.
/// </summary>
internal static class AgentSchema
{
    public const int Version = 23;

    public const string ResourceName = "Pincer.Storage.Sqlite.Migrations.0023_agent.sql";

    /// <summary>The reference's schema script inserts these with <c>INSERT OR IGNORE</c>.</summary>
    public const string SeedSql = """
        INSERT OR IGNORE INTO session_key_contract (id, main_key, updated_at) VALUES (1, 'main', 0);
        INSERT OR IGNORE INTO memory_index_state (id, revision) VALUES (1, 0);
        """;

    public static SchemaContract For(string agentId) => new()
    {
        DisplayName = "OpenClaw agent database",
        Version = Version,
        Role = "agent",
        AgentId = agentId,
        ResourceName = ResourceName,
        SeedSql = SeedSql,
        CreateRefusal = static (message, path, found, supported) => new AgentDatabaseRefusedException(message, path, found, supported),
    };
}
