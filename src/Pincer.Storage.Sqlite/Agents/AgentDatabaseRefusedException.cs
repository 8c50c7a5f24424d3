namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// A per-agent DB exists but Pincer must not touch it: a newer or older schema, another agent's
/// file, or one that is not an agent DB at all. Nothing has been written when this is thrown.
/// </summary>
public sealed class AgentDatabaseRefusedException : Exception
{
    public AgentDatabaseRefusedException()
    {
    }

    public AgentDatabaseRefusedException(string message)
        : base(message)
    {
    }

    public AgentDatabaseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AgentDatabaseRefusedException(string message, string path, int foundVersion, int supportedVersion)
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
