namespace Pincer.Parity.Suite;

/// <summary>How the expected side is obtained.</summary>
public enum ParityMode
{
    /// <summary>Run the reference beside Pincer.</summary>
    Live,

    /// <summary>Replay the reference results recorded in <c>parity/golden/</c>.</summary>
    Golden,

    /// <summary>Live, and re-write the goldens from this run.</summary>
    Record,
}
