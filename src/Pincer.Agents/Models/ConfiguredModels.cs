using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Providers;

namespace Pincer.Agents.Models;

/// <summary>
/// Model selection from the config document: the agent's primary and fallbacks (its <c>agents.list[]</c> entry's <c>model</c>,
/// else <c>agents.defaults.model</c>, a string or <c>{primary, fallbacks}</c>), aliases from
/// <c>agents.defaults.models</c>, and each ref's endpoint from <c>models.providers.&lt;id&gt;</c> (base URL, API,
/// key — config first, then the provider's conventional environment variable — headers and the model's facts).
/// </summary>
public sealed class ConfiguredModels(JsonNode? config, IReadOnlyDictionary<string, string> environment)
{
    private static readonly Dictionary<string, string> KeyVariables = new(StringComparer.Ordinal)
    {
        ["openai"] = "OPENAI_API_KEY",
        ["anthropic"] = "ANTHROPIC_API_KEY",
        ["google"] = "GEMINI_API_KEY",
        ["openrouter"] = "OPENROUTER_API_KEY",
        ["groq"] = "GROQ_API_KEY",
        ["mistral"] = "MISTRAL_API_KEY",
        ["xai"] = "XAI_API_KEY",
        ["deepseek"] = "DEEPSEEK_API_KEY",
    };

    /// <summary>The agent's configured primary, when there is one.</summary>
    public ModelRef? Primary(string agentId) => ModelRef.Parse(Alias(PrimaryText(AgentModel(agentId))));

    /// <summary>The agent's fallback chain (empty when strict).</summary>
    public IReadOnlyList<ModelRef> Fallbacks(string agentId)
    {
        var model = AgentModel(agentId);
        if (model is not JsonObject obj || obj["fallbacks"] is not JsonArray list)
        {
            return [];
        }

        return [.. list.Select(n => ModelRef.Parse(Alias((n as JsonValue)?.ToString()))).OfType<ModelRef>()];
    }

    /// <summary>The endpoint for <paramref name="model"/>, or null when no configured provider serves it.</summary>
    public ResolvedModel? Resolve(ModelRef model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (config?["models"]?["providers"] is not JsonObject providers)
        {
            return null;
        }

        var provider = providers.FirstOrDefault(p => string.Equals(p.Key, model.Provider, StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
        if (provider is null || Str(provider, "baseUrl") is not { } baseUrl || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var entry = (provider["models"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => Str(m, "id") == model.Model);
        var api = Str(entry, "api") ?? Str(provider, "api") ?? "openai-completions";
        var window = Int(entry, "contextTokens") ?? Int(entry, "contextWindow");
        var max = Int(entry, "maxTokens");
        if (max is not null && window is not null)
        {
            max = Math.Min(max.Value, window.Value);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (provider["headers"] is JsonObject configured)
        {
            foreach (var (name, value) in configured)
            {
                if ((value as JsonValue)?.ToString() is { } text)
                {
                    headers[name] = text;
                }
            }
        }

        var cost = entry?["cost"] as JsonObject;
        var endpoint = new ProviderEndpoint
        {
            Provider = model.Provider,
            Api = api,
            BaseUrl = uri,
            Model = model.Model,
            ApiKey = ApiKey(model.Provider, provider),
            Headers = headers,
            MaxTokens = max,
            ContextWindow = window,
            Reasoning = entry?["reasoning"] is JsonValue r && r.GetValueKind() == JsonValueKind.True,
            IdleTimeout = Int(provider, "timeoutSeconds") is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(120),
        };
        return new ResolvedModel(model, endpoint, new ModelCost(Num(cost, "input"), Num(cost, "output"), Num(cost, "cacheRead"), Num(cost, "cacheWrite")));
    }

    /// <summary>The <c>models.providers.&lt;provider&gt;.models[]</c> entry for <paramref name="model"/> (provider matched case-insensitively), or null.</summary>
    public static JsonObject? Entry(JsonNode? config, string provider, string model) =>
        ((config?["models"]?["providers"] as JsonObject)?
            .FirstOrDefault(p => string.Equals(p.Key, provider, StringComparison.OrdinalIgnoreCase)).Value?["models"] as JsonArray)?
            .OfType<JsonObject>()
            .FirstOrDefault(m => Str(m, "id") == model);

    /// <summary>The key a provider would be called with: its configured <c>apiKey</c>, else its conventional variable.</summary>
    public string? ApiKey(string provider, JsonObject? providerConfig) =>
        Str(providerConfig, "apiKey") ?? (KeyVariables.TryGetValue(provider, out var variable) && environment.TryGetValue(variable, out var key) ? key : null);

    /// <summary>Where <paramref name="provider"/>'s key came from (<c>config</c> or <c>env</c>), or null when it has none.</summary>
    public string? ApiKeySource(string provider, JsonObject? providerConfig) =>
        Str(providerConfig, "apiKey") is not null ? "config"
        : KeyVariables.TryGetValue(provider, out var variable) && environment.ContainsKey(variable) ? "env" : null;

    private JsonNode? AgentModel(string agentId)
    {
        var agents = config?["agents"];
        var entry = (agents?["list"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(e => string.Equals(Str(e, "id")?.Trim(), agentId, StringComparison.OrdinalIgnoreCase));
        if ((entry ?? agents?["entries"]?[agentId])?["model"] is { } own)
        {
            return own;
        }

        return agents?["defaults"]?["model"];
    }

    private static string? PrimaryText(JsonNode? model) => model switch
    {
        JsonValue value => value.ToString(),
        JsonObject obj => Str(obj, "primary"),
        _ => null,
    };

    /// <summary>An alias (<c>agents.defaults.models["p/m"].alias</c>) names its ref; anything else is a ref already.</summary>
    private string? Alias(string? text)
    {
        if (text is null || config?["agents"]?["defaults"]?["models"] is not JsonObject models)
        {
            return text;
        }

        foreach (var (reference, settings) in models)
        {
            if (settings is JsonObject s && string.Equals(Str(s, "alias"), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return reference;
            }
        }

        return text;
    }

    private static string? Str(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (int)d : null;

    private static double Num(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;
}
