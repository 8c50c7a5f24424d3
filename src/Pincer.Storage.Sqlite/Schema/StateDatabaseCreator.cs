namespace Pincer.Storage.Sqlite.Schema;

/// <summary>Creation of the shared state DB: <see cref="SchemaCreator"/> with <see cref="StateSchema.Contract"/>.</summary>
internal static class StateDatabaseCreator
{
    public static void Create(string path, long nowMs) => SchemaCreator.Create(path, StateSchema.Contract, nowMs);
}
