namespace Pincer.Providers.Anthropic;

/// <summary>
/// Extended thinking for budget-based Claude models: the thinking level becomes a token budget that is added on
/// top of the answer's own cap (never past the model's), the way the reference's token-budget providers do it.
/// </summary>
internal static class AnthropicThinking
{
    /// <summary>The smallest room the reference leaves for the answer when the budget would eat the whole cap.</summary>
    private const int MinOutputTokens = 1024;

    /// <summary>The budget for <paramref name="level"/>, or null when thinking is off or the level is unknown.</summary>
    public static int? Budget(string? level) => level switch
    {
        "minimal" => 1024,
        "low" => 2048,
        "medium" => 8192,
        // There is no separate budget tier above high: xhigh and max clamp to it.
        "high" or "xhigh" or "max" => 16384,
        _ => null,
    };

    /// <summary>The request's <c>max_tokens</c> and <c>budget_tokens</c> for a base cap and the model's own cap.</summary>
    public static (int MaxTokens, int Budget) Plan(int baseMaxTokens, int modelMaxTokens, int budget)
    {
        var maxTokens = Math.Min(baseMaxTokens + budget, modelMaxTokens);
        if (maxTokens <= budget)
        {
            budget = Math.Max(0, maxTokens - MinOutputTokens);
        }

        return (maxTokens, budget);
    }
}
