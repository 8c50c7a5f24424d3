namespace Pincer.Parity.Normalising;

/// <summary>The run-specific facts of one gateway start that show up in its output.</summary>
public sealed record NormaliseContext(IReadOnlyList<string> RunPaths, IReadOnlyList<int> Ports)
{
    public static readonly NormaliseContext None = new([], []);
}
