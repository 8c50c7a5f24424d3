namespace Pincer.Providers;

/// <summary>
/// The keys by which the agent loop says provider-neutral things through Microsoft.Extensions.AI
/// types. Each provider maps them onto its own wire (or ignores what its API has no place for).
/// </summary>
public static class ProviderConventions
{
    /// <summary>
    /// On a <c>TextContent</c>/<c>FunctionResultContent</c>'s <c>AdditionalProperties</c>: <c>true</c> marks a
    /// prompt-cache breakpoint after this block (Anthropic <c>cache_control: {"type":"ephemeral"}</c>).
    /// </summary>
    public const string CacheBreakpoint = "openclaw.cacheBreakpoint";

    /// <summary>
    /// On <c>ChatOptions.AdditionalProperties</c>: the resolved thinking level (<c>off</c>, <c>minimal</c>,
    /// <c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c>, …) as a string.
    /// </summary>
    public const string ThinkingLevel = "openclaw.thinkingLevel";

    /// <summary>
    /// A system message may hold several <c>TextContent</c> parts (the stable prefix, the dynamic suffix).
    /// APIs that take one system string join the parts with this separator.
    /// </summary>
    public const string SystemPartSeparator = "\n";
}
