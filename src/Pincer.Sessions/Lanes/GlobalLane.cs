namespace Pincer.Sessions.Lanes;

/// <summary>The process-wide lane a session's runs take a slot from.</summary>
public enum GlobalLane
{
    /// <summary>The reference's <c>main</c> lane: inbound and control-plane turns.</summary>
    Main,

    /// <summary>The reference's <c>subagent</c> lane: spawned subagent sessions.</summary>
    Subagent,
}
