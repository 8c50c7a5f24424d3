namespace Pincer.Agents.Runs;

/// <summary>Token usage of one model call, as the reference's transcripts count it.</summary>
public sealed record RunUsage(long Input, long Output, long CacheRead, long CacheWrite, long Reasoning)
{
    public static RunUsage None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Everything the call consumed: input (incl. cache reads and writes) plus output.</summary>
    public long Total => Input + Output + CacheRead + CacheWrite;

    public RunUsage Add(RunUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Input + other.Input, Output + other.Output, CacheRead + other.CacheRead, CacheWrite + other.CacheWrite, Reasoning + other.Reasoning);
    }
}
