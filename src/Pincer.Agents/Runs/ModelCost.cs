namespace Pincer.Agents.Runs;

/// <summary>A model's prices in USD per million tokens (<c>models.providers.*.models[].cost</c>).</summary>
public sealed record ModelCost(double Input, double Output, double CacheRead, double CacheWrite)
{
    public static ModelCost Free { get; } = new(0, 0, 0, 0);
}
