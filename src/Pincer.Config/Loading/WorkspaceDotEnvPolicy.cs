namespace Pincer.Config.Loading;

/// <summary>
/// Keys a working-directory <c>.env</c> may not set, because a checked-out project must not be able
/// to swap credentials, endpoints or safety switches. Mirrors the reference's static rules: named
/// provider keys, <c>OPENCLAW_*</c> and other prefixes, endpoint-like suffixes, and names containing
/// DANGEROUSLY / DISABLE_AUTH|CERT|SIGNATURE|SSL|TLS / SKIP_AUTH. The reference additionally blocks
/// provider keys declared by installed plugins, which this list cannot know.
/// </summary>
internal static class WorkspaceDotEnvPolicy
{
    private static readonly HashSet<string> BlockedKeys = new(StringComparer.Ordinal)
    {
        "AI_GATEWAY_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_OAUTH_TOKEN", "ARCEEAI_API_KEY", "AZURE_OPENAI_API_KEY",
        "AZURE_SPEECH_API_KEY", "AZURE_SPEECH_KEY", "AZURE_SPEECH_REGION", "BRAVE_API_KEY", "BYTEPLUS_API_KEY",
        "BYTEPLUS_SEED_SPEECH_API_KEY", "CEREBRAS_API_KEY", "CHUTES_API_KEY", "CHUTES_OAUTH_TOKEN",
        "CLOUDFLARE_AI_GATEWAY_API_KEY", "COMFY_API_KEY", "COMFY_CLOUD_API_KEY", "COPILOT_GITHUB_TOKEN",
        "DASHSCOPE_API_KEY", "DEEPGRAM_API_KEY", "DEEPINFRA_API_KEY", "DEEPSEEK_API_KEY", "ELEVENLABS_API_KEY",
        "EXA_API_KEY", "FAL_API_KEY", "FAL_KEY", "FIRECRAWL_API_KEY", "FIREWORKS_API_KEY", "GEMINI_API_KEY", "GH_TOKEN",
        "GITHUB_TOKEN", "GOOGLE_API_KEY", "GOOGLE_CLOUD_API_KEY", "GRADIUM_API_KEY", "GROQ_API_KEY", "HF_TOKEN",
        "HUGGINGFACE_HUB_TOKEN", "INWORLD_API_KEY", "KILOCODE_API_KEY", "KIMICODE_API_KEY", "KIMI_API_KEY",
        "LITELLM_API_KEY", "LM_API_TOKEN", "MINIMAX_API_KEY", "MINIMAX_CODE_PLAN_KEY", "MINIMAX_CODING_API_KEY",
        "MINIMAX_OAUTH_TOKEN", "MISTRAL_API_KEY", "MODEL_API_KEY", "MODELSTUDIO_API_KEY", "MOONSHOT_API_KEY",
        "NVIDIA_API_KEY", "OLLAMA_API_KEY", "OPENAI_API_KEY", "OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY",
        "OPENROUTER_API_KEY", "PERPLEXITY_API_KEY", "QIANFAN_API_KEY", "QWEN_API_KEY", "QWEN_TOKEN_PLAN_API_KEY",
        "RUNWAY_API_KEY", "RUNWAYML_API_SECRET", "SENSEAUDIO_API_KEY", "SGLANG_API_KEY", "SPEECH_KEY", "SPEECH_REGION",
        "STEPFUN_API_KEY", "SYNTHETIC_API_KEY", "TAVILY_API_KEY", "TOGETHER_API_KEY", "TOKENHUB_API_KEY",
        "TOKENPLAN_API_KEY", "VENICE_API_KEY", "VLLM_API_KEY", "VOLCANO_ENGINE_API_KEY", "VOLCENGINE_TTS_API_KEY",
        "VOLCENGINE_TTS_APPID", "VOLCENGINE_TTS_TOKEN", "VOYAGE_API_KEY", "VYDRA_API_KEY", "XAI_API_KEY",
        "XIAOMI_API_KEY", "XI_API_KEY", "ZAI_API_KEY", "Z_AI_API_KEY",
        "ALL_PROXY", "BROWSER_EXECUTABLE_PATH", "COMSPEC", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "APPDATA",
        "LOCALAPPDATA", "NODE_TLS_REJECT_UNAUTHORIZED", "NPM_CONFIG_PREFIX", "NPM_EXECPATH", "PNPM_HOME",
        "OPENAI_API_KEYS", "PATH", "PI_CODING_AGENT_DIR", "PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH", "PROGRAMFILES",
        "PROGRAMFILES(X86)", "PROGRAMW6432", "STATE_DIRECTORY", "UV_PYTHON",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK",
        "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "NODE_OPTIONS", "LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH",
    };

    private static readonly string[] BlockedPrefixes =
        ["ANTHROPIC_API_KEY_", "CLAWHUB_", "CLOUDSDK_", "AWS_CONTAINER_", "AWS_ENDPOINT_URL_", "OPENAI_API_KEY_", "OPENCLAW_"];

    private static readonly string[] BlockedSuffixes = ["_API_HOST", "_BASE_URL", "_ENDPOINT", "_HOMESERVER"];

    private static readonly string[][] BlockedTokenRuns =
        [["DANGEROUSLY"], ["DISABLE", "AUTH"], ["DISABLE", "CERT"], ["DISABLE", "SIGNATURE"], ["DISABLE", "SSL"], ["DISABLE", "TLS"], ["SKIP", "AUTH"]];

    public static bool IsBlocked(string key)
    {
        var upper = key.ToUpperInvariant();
        if (BlockedKeys.Contains(upper) || BlockedPrefixes.Any(p => upper.StartsWith(p, StringComparison.Ordinal))
            || BlockedSuffixes.Any(s => upper.EndsWith(s, StringComparison.Ordinal)))
            return true;
        var tokens = upper.Split('_', StringSplitOptions.RemoveEmptyEntries);
        foreach (var run in BlockedTokenRuns)
        {
            for (var i = 0; i + run.Length <= tokens.Length; i++)
            {
                if (run.Select((t, o) => tokens[i + o] == t).All(x => x))
                    return true;
            }
        }

        return false;
    }
}
