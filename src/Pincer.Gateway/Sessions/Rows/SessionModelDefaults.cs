using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// The model facts a session row and the <c>sessions.list</c> <c>defaults</c> block carry: the default
/// provider/model, its context window, thinking levels and agent runtime. This is a deliberately small
/// stand-in for the models layer (a later issue): it reads <c>agents.defaults.model</c> (a string or
/// <c>{primary}</c>) and otherwise uses the reference's built-in default, <c>openai/gpt-6-astra</c>.
/// Catalog facts are known only for that built-in default; for any other model the context window is
/// taken from the model's <c>models.providers</c> entry when it has one, else omitted, and the thinking levels are the reference's generic set. Not covered yet: per-agent model
/// overrides, provider plugins' thinking policies, <c>models.providers</c> catalogs, context-window
/// profiles, agent-runtime selection (<c>agents.defaults.agentRuntime</c>) and model aliases.
/// </summary>
internal sealed record SessionModelDefaults(string Provider, string Model, long? ContextTokens, IReadOnlyList<string> ThinkingLevels, string ThinkingDefault)
{
    public const string BuiltInProvider = "openai";
    public const string BuiltInModel = "gpt-6-astra";
    private const long BuiltInContextTokens = 200_000;

    private static readonly string[] AstraThinkingLevels = ["low", "medium", "high", "xhigh", "max", "ultra"];

    public static SessionModelDefaults BuiltIn { get; } = new(BuiltInProvider, BuiltInModel, BuiltInContextTokens, AstraThinkingLevels, "medium");

    /// <summary>The defaults for the (resolved) config: <c>agents.defaults.model</c>, else the built-in default.</summary>
    public static SessionModelDefaults FromConfig(JsonNode? config)
    {
        var node = config?["agents"]?["defaults"]?["model"];
        var raw = node switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["primary"] is JsonValue p && p.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (raw is null)
        {
            return BuiltIn;
        }

        var defaults = For(raw);
        return defaults.ContextTokens is null && ConfiguredContextTokens(config, defaults.Provider, defaults.Model) is { } configured
            ? defaults with { ContextTokens = configured }
            : defaults;
    }

    /// <summary>The context size a <c>models.providers</c> entry gives the model (<c>contextTokens</c>, else <c>contextWindow</c>).</summary>
    private static long? ConfiguredContextTokens(JsonNode? config, string provider, string model)
    {
        var entry = Pincer.Agents.Models.ConfiguredModels.Entry(config, provider, model);
        foreach (var name in (string[])["contextTokens", "contextWindow"])
        {
            if (entry?[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d > 0)
            {
                return (long)d;
            }
        }

        return null;
    }

    /// <summary>Facts for a <c>provider/model</c> ref (a bare model id is taken as an OpenAI model, as the reference does).</summary>
    public static SessionModelDefaults For(string modelRef)
    {
        var trimmed = JsText.Trim(modelRef);
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var provider = slash > 0 ? JsText.TrimLower(trimmed[..slash]) : BuiltInProvider;
        var model = slash > 0 ? JsText.Trim(trimmed[(slash + 1)..]) : trimmed;
        if (model.Length == 0)
        {
            return BuiltIn;
        }

        return Is(provider, model) ? BuiltIn : new SessionModelDefaults(provider, model, null, Models.ThinkingLevelSets.Generic, "off");
    }

    /// <summary>The same facts for a session whose entry overrides provider and/or model.</summary>
    public SessionModelDefaults WithOverride(string? provider, string? model)
    {
        var p = JsText.TrimToNull(provider) is { } pp ? JsText.Lower(pp) : Provider;
        var m = JsText.TrimToNull(model) ?? Model;
        return p == Provider && m == Model ? this : Is(p, m) ? BuiltIn : new SessionModelDefaults(p, m, null, Models.ThinkingLevelSets.Generic, "off");
    }

    /// <summary>The agent runtime the reference projects for this model: Codex for OpenAI models, else the automatic choice.</summary>
    public JsonObject AgentRuntime() => new()
    {
        ["id"] = Provider == BuiltInProvider ? "codex" : "auto",
        ["cloudPlacementSupported"] = false,
        ["devicePlacementSupported"] = false,
        ["source"] = "implicit",
    };

    public JsonArray ThinkingLevelObjects() =>
        [.. ThinkingLevels.Select(l => (JsonNode)new JsonObject { ["id"] = l, ["label"] = l })];

    public JsonArray ThinkingOptions() => [.. ThinkingLevels.Select(l => (JsonNode)JsonValue.Create(l))];

    /// <summary>The <c>defaults</c> block of a <c>sessions.list</c> answer.</summary>
    public JsonObject ListDefaults()
    {
        var defaults = new JsonObject { ["modelProvider"] = Provider, ["model"] = Model };
        if (ContextTokens is { } tokens)
        {
            defaults["contextTokens"] = tokens;
        }

        defaults["agentRuntime"] = AgentRuntime();
        defaults["thinkingLevels"] = ThinkingLevelObjects();
        defaults["thinkingOptions"] = ThinkingOptions();
        defaults["thinkingDefault"] = ThinkingDefault;
        defaults["modelSelectionTarget"] = "session";
        return defaults;
    }

    private static bool Is(string provider, string model) => provider == BuiltInProvider && model == BuiltInModel;
}
