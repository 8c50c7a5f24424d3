namespace Pincer.Storage.Sqlite.Agents;

/// <summary>A stored transcript Pincer cannot read (compressed without a codec, moved to a cold archive, corrupt). Nothing was changed.</summary>
public sealed class TranscriptStorageException : Exception
{
    public TranscriptStorageException()
    {
    }

    public TranscriptStorageException(string message)
        : base(message)
    {
    }

    public TranscriptStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
