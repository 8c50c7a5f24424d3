namespace Pincer.Providers.Gemini;

/// <summary>
/// <c>generationConfig.thinkingConfig</c> for reasoning models: Gemini 3 takes a coarse <c>thinkingLevel</c>, earlier
/// thinking models a token <c>thinkingBudget</c>. Both ask for the thoughts back so they can be shown and replayed.
/// </summary>
internal static class GeminiThinking
{
    /// <summary>The level for Gemini 3 models, which know only LOW and HIGH.</summary>
    public static string? Level(string? level) => level switch
    {
        "minimal" or "low" => "LOW",
        "medium" or "high" or "xhigh" or "max" => "HIGH",
        _ => null,
    };

    /// <summary>The token budget for budget-based models (the same table as the other token-budget providers).</summary>
    public static int? Budget(string? level) => level switch
    {
        "minimal" => 1024,
        "low" => 2048,
        "medium" => 8192,
        "high" or "xhigh" or "max" => 16384,
        _ => null,
    };

    public static bool UsesLevels(string model) => model.Contains("gemini-3", StringComparison.OrdinalIgnoreCase);
}
