namespace Pincer.Parity.Diffing;

/// <summary>One place where Pincer's normalised output is not the reference's.</summary>
public sealed record Difference(string Path, string Expected, string Actual)
{
    /// <summary>The EXPLAINED.md reason when this difference is accepted.</summary>
    public string? Explanation { get; init; }

    public override string ToString() =>
        $"  {Path}\n    reference: {Expected}\n    pincer:    {Actual}" + (Explanation is null ? "" : $"\n    accepted:  {Explanation}");
}
