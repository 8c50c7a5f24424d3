namespace Pincer.Storage.Sqlite.Schema;

/// <summary>
/// The shared state DB contract of openclaw@2026.9.6: schema version 18 and the DDL the reference
/// leaves behind on a fresh start (its <c>sqlite_master</c>, in rowid order). Lazily created
/// tables (user profiles, skill library, …) are absent there too; the reference adds them on use.
/// </summary>
internal static class StateSchema
{
    public const int Version = 18;

    /// <summary>The reference records content migrations ahead of <c>user_version</c> under this key.</summary>
    public const string ContentVersionKey = "state.schema.contentVersion";

    public const string ResourceName = "Pincer.Storage.Sqlite.Migrations.0018_state.sql";

    public static string LoadDdl()
    {
        using var stream = typeof(StateSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded schema {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
