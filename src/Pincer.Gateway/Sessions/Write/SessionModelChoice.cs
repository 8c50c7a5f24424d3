using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Rows;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// The model facts a patch needs without a model catalog: which providers the reference knows out of
/// the box, each one's thinking levels, and the agent runtime it projects. OpenAI models run on the
/// Codex harness, which is a plugin the reference does not enable by default, so selecting one is
/// refused there exactly as here. Provider aliases and catalog model renames are not modelled.
/// </summary>
internal static class SessionModelChoice
{
    private static readonly HashSet<string> KnownProviders = new(StringComparer.Ordinal)
    {
        "openai", "anthropic", "google", "ollama", "openrouter", "xai", "minimax", "github-copilot",
    };

    /// <summary>The thinking levels (ids = labels) for a provider/model pair.</summary>
    public static IReadOnlyList<string> ThinkingLevels(SessionModelDefaults effective) =>
        effective.Provider == SessionModelDefaults.BuiltInProvider && effective.Model == SessionModelDefaults.BuiltInModel
            ? effective.ThinkingLevels
            : effective.Provider switch
            {
                "ollama" or "xai" => Models.ThinkingLevelSets.Off,
                "google" => ["off", "low", "adaptive", "high"],
                _ => Models.ThinkingLevelSets.Generic,
            };

    /// <summary>The level a session runs at when none is stored.</summary>
    public static string ThinkingDefault(SessionModelDefaults effective) =>
        effective.Provider == SessionModelDefaults.BuiltInProvider && effective.Model == SessionModelDefaults.BuiltInModel ? effective.ThinkingDefault : "off";

    public static string RuntimeId(string provider) => provider == SessionModelDefaults.BuiltInProvider ? "codex" : "openclaw";

    /// <summary>Why a model cannot be selected, or null when <paramref name="provider"/>/<paramref name="model"/> is selectable.</summary>
    public static string? Refusal(string provider, string model)
    {
        if (!KnownProviders.Contains(provider))
        {
            return $"Unknown provider \"{provider}\". Use /models to list providers.";
        }

        return provider == SessionModelDefaults.BuiltInProvider
            ? $"Model {provider}/{model} requires agent harness \"codex\", but no enabled plugin provides it. Install and enable its plugin, restart the Gateway, then select the model again."
            : null;
    }

    /// <summary>Splits a <c>provider/model</c> reference; a bare id belongs to the default provider.</summary>
    public static (string Provider, string Model) Split(string raw, string defaultProvider)
    {
        var trimmed = JsText.Trim(raw);
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var (provider, model) = slash > 0
            ? (JsText.TrimLower(trimmed[..slash]), JsText.Trim(trimmed[(slash + 1)..]))
            : (defaultProvider, trimmed);
        return (provider, provider == "google" ? GoogleModelId(model) : model);
    }

    // The reference renames retired Gemini ids to their current preview ids.
    private static string GoogleModelId(string id) => id switch
    {
        "gemini-3-pro" or "gemini-3-pro-preview" or "gemini-3.1-pro" => "gemini-3.1-pro-preview",
        "gemini-3-flash" or "gemini-3.1-flash" or "gemini-3.1-flash-preview" => "gemini-3-flash-preview",
        "gemini-3.1-flash-lite-preview" => "gemini-3.1-flash-lite",
        "gemma-4-26b" => "gemma-4-26b-a4b-it",
        _ => id,
    };

    /// <summary>The <c>resolved</c> block of a <c>sessions.patch</c> answer.</summary>
    public static JsonObject Resolved(SessionModelDefaults defaults, JsonObject entry, bool withThinking)
    {
        var effective = defaults.WithOverride(Str(entry, "providerOverride"), Str(entry, "modelOverride"));
        var resolved = new JsonObject
        {
            ["modelProvider"] = effective.Provider,
            ["model"] = effective.Model,
            ["agentRuntime"] = new JsonObject { ["id"] = RuntimeId(effective.Provider), ["source"] = "implicit" },
            ["runtimeSelectionLocked"] = false,
        };
        if (withThinking)
        {
            resolved["thinkingLevel"] = Str(entry, "thinkingLevel") ?? ThinkingDefault(effective);
            resolved["thinkingLevels"] = new JsonArray([.. ThinkingLevels(effective).Select(l => (JsonNode)new JsonObject { ["id"] = l, ["label"] = l })]);
        }

        return resolved;
    }

    internal static string? Str(JsonObject entry, string name) =>
        entry[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
