using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// What one of the reference's SQLite files must look like for Pincer to use it: its schema
/// version, the role its 'primary' <c>schema_meta</c> row claims, the byte-faithful DDL, and how a
/// refusal is reported. Admission and creation are written once against this.
/// </summary>
internal sealed class SchemaContract
{
    /// <summary>How messages name the file, e.g. "OpenClaw state database".</summary>
    public required string DisplayName { get; init; }

    public required int Version { get; init; }

    /// <summary>The <c>schema_meta.role</c> the reference stamps ('global', 'agent').</summary>
    public required string Role { get; init; }

    /// <summary>The owning agent for per-agent DBs (<c>schema_meta.agent_id</c>); null for the shared DB.</summary>
    public string? AgentId { get; init; }

    public required string ResourceName { get; init; }

    /// <summary>Rows the reference's schema script inserts along with its tables.</summary>
    public string? SeedSql { get; init; }

    /// <summary>A version recorded ahead of <c>user_version</c> by content migrations; 0 when none.</summary>
    public Func<SqliteConnection, int>? ReadContentVersion { get; init; }

    /// <summary>Builds the exception thrown when the file is refused (message, path, found, supported).</summary>
    public required Func<string, string, int, int, Exception> CreateRefusal { get; init; }

    /// <summary>Whether the file holds secrets and is created owner-only (0600).</summary>
    public bool OwnerOnly { get; init; } = true;

    public string LoadDdl()
    {
        using var stream = typeof(SchemaContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded schema {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
