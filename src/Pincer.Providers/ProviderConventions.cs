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
    /// On an <c>AITool</c>'s <c>AdditionalProperties</c> it marks that tool; on <c>ChatOptions.AdditionalProperties</c>
    /// it marks the end of the tool definitions (the last tool), where the reference puts its tools breakpoint.
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

    /// <summary>
    /// On a user <c>ChatMessage</c>'s <c>AdditionalProperties</c>: <c>true</c> when the transcript holds its content as a
    /// bare string rather than an array of blocks. APIs that distinguish the two (OpenAI Chat Completions) keep the
    /// shape: a string stays <c>"content": "…"</c>, blocks stay <c>"content": [{"type":"text",…}]</c>.
    /// </summary>
    public const string PlainText = "openclaw.plainText";

    /// <summary>On a <c>FunctionResultContent</c>'s <c>AdditionalProperties</c>: the called tool's name (Gemini and Ollama send it back).</summary>
    public const string ToolName = "openclaw.toolName";

    /// <summary>On a <c>FunctionResultContent</c>'s <c>AdditionalProperties</c>: <c>true</c> when the tool failed (Anthropic <c>is_error</c>).</summary>
    public const string ToolError = "openclaw.toolError";

    /// <summary>
    /// On a <c>FunctionCallContent</c>'s or <c>TextContent</c>'s <c>AdditionalProperties</c>: Gemini's opaque
    /// <c>thoughtSignature</c> of that part, which must go back with it on the next request. (Reasoning text keeps its
    /// signature in <c>TextReasoningContent.ProtectedData</c>.)
    /// </summary>
    public const string ThoughtSignature = "openclaw.thoughtSignature";
}
