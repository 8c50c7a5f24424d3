namespace Pincer.Storage.Sqlite.Schema;

/// <summary>Admission of the shared state DB: <see cref="SchemaAdmission"/> against <see cref="StateSchema.Contract"/>.</summary>
internal static class StateDatabaseAdmission
{
    public static void Admit(string path) => SchemaAdmission.Admit(path, StateSchema.Contract);
}
