namespace Pincer.Sessions.Lanes;

/// <summary>How a turn came to be.</summary>
public enum LaneTurnKind
{
    /// <summary>A message that found its session idle (or replaced an interrupted run) and runs as itself.</summary>
    Direct,

    /// <summary>One queued message drained after the previous run ended.</summary>
    Followup,

    /// <summary>Several queued messages coalesced into one prompt (collect mode).</summary>
    Collected,

    /// <summary>A synthetic turn telling the model which queued messages were dropped at the cap.</summary>
    OverflowSummary,
}
