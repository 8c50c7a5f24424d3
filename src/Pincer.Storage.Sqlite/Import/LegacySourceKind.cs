namespace Pincer.Storage.Sqlite.Import;

/// <summary>The file stores older builds kept before the SQLite cutover, in the order doctor imports them.</summary>
public enum LegacySourceKind
{
    /// <summary><c>agents/&lt;id&gt;/sessions/sessions.json</c> and its <c>&lt;sessionId&gt;.jsonl</c> transcripts.</summary>
    Sessions,

    /// <summary><c>cron/jobs.json</c>.</summary>
    CronJobs,

    /// <summary><c>credentials/&lt;channel&gt;-pairing.json</c> and <c>&lt;channel&gt;[-&lt;account&gt;]-allowFrom.json</c>.</summary>
    ChannelPairing,

    /// <summary><c>exec-approvals.json</c>.</summary>
    ExecApprovals,

    /// <summary><c>agents/main/agent/auth-profiles.json</c> (the shared credential store).</summary>
    AuthProfiles,
}
