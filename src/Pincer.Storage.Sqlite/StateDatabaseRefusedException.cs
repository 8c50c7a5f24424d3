namespace Pincer.Storage.Sqlite;

/// <summary>
/// The state DB exists but Pincer must not touch it: a newer or older schema, or a file that is
/// not the shared (global) state DB. Nothing has been written when this is thrown.
/// </summary>
public sealed class StateDatabaseRefusedException : Exception
{
    public StateDatabaseRefusedException()
    {
    }

    public StateDatabaseRefusedException(string message)
        : base(message)
    {
    }

    public StateDatabaseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateDatabaseRefusedException(string message, string path, int foundVersion, int supportedVersion)
        : base(message)
    {
        Path = path;
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    public string? Path { get; }

    public int FoundVersion { get; }

    public int SupportedVersion { get; }
}
