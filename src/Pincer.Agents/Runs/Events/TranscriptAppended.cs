using Pincer.Sessions.Transcripts;

namespace Pincer.Agents.Runs.Events;

/// <summary>An entry was committed to the session's transcript (the assistant reply, a tool result, a marker).</summary>
public sealed record TranscriptAppended(long AtMs, TranscriptEntry Entry) : RunEvent(AtMs);
