using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions;

/// <summary>One agent's open data-plane DB and the session and transcript stores on it.</summary>
internal sealed record AgentStore(string AgentId, AgentDatabase Database, ISessionStore Sessions, ITranscriptStore Transcripts)
{
    /// <summary>The DB file, which the reference reports as a session list's <c>path</c>.</summary>
    public string Path => Database.Path;
}
