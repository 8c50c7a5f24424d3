namespace Pincer.Sessions.Transcripts;

/// <summary>The <c>type</c> values of transcript entries the reference writes.</summary>
public static class TranscriptEntryTypes
{
    public const string Session = "session";
    public const string Message = "message";
    public const string ThinkingLevelChange = "thinking_level_change";
    public const string ModelChange = "model_change";
    public const string Compaction = "compaction";
    public const string Reset = "reset";
    public const string BranchSummary = "branch_summary";
    public const string Custom = "custom";
    public const string CustomMessage = "custom_message";
    public const string Label = "label";
    public const string SessionInfo = "session_info";

    /// <summary>Navigation control selecting another active leaf.</summary>
    public const string Leaf = "leaf";

    /// <summary>Entry kinds that are nodes of the conversation tree (everything but header and leaf controls).</summary>
    public static bool IsCanonical(string? type) => type is Message or ThinkingLevelChange or ModelChange or Compaction or Reset
        or BranchSummary or Custom or CustomMessage or Label or SessionInfo;
}
