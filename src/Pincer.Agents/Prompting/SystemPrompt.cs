namespace Pincer.Agents.Prompting;

/// <summary>
/// A built system prompt in its two cache tiers: the stable prefix (identity, tools, rules, the user's workspace
/// files) and the per-turn dynamic suffix (date, conversation context, runtime). Each part carries the
/// reference's attempt markers, so both gateways' prompts split the same way.
/// </summary>
public sealed record SystemPrompt(string Stable, string Dynamic);
