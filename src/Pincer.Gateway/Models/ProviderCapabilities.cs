using System.Text.Json.Nodes;

namespace Pincer.Gateway.Models;

/// <summary>
/// The model providers a stock gateway knows how to set up, and whether each takes an API key (and offers the
/// quick key setup) — the reference's <c>providerCapabilities</c> facts. Its browser/device sign-in options are
/// not listed: Pincer offers no OAuth sign-in flows.
/// </summary>
internal static class ProviderCapabilities
{
    private static readonly (string Provider, bool ApiKey, bool QuickSetup)[] Table =
    [
        ("anthropic", true, true),
        ("clawrouter", true, false),
        ("copilot-proxy", false, false),
        ("github-copilot", false, false),
        ("google", true, true),
        ("google-vertex", true, false),
        ("huggingface", true, true),
        ("litellm", true, true),
        ("lmstudio", false, false),
        ("microsoft-foundry", true, false),
        ("minimax", false, false),
        ("minimax-portal", false, false),
        ("nvidia", true, true),
        ("ollama", false, false),
        ("ollama-cloud", true, true),
        ("openai", true, true),
        ("opencode-go", true, true),
        ("openrouter", true, true),
        ("sglang", false, false),
        ("together", true, true),
        ("vllm", false, false),
        ("xai", true, true),
    ];

    public static IEnumerable<string> Ids => Table.Select(t => t.Provider);

    public static JsonArray ToJson() =>
        [.. Table.Select(t => (JsonNode)new JsonObject { ["provider"] = t.Provider, ["apiKeySupported"] = t.ApiKey, ["quickApiKeySetup"] = t.QuickSetup })];
}
