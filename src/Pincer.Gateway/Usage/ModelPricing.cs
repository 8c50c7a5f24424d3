using System.Text.Json.Nodes;
using Pincer.Agents.Models;
using Pincer.Agents.Runs;

namespace Pincer.Gateway.Usage;

/// <summary>The per-million-token prices a model's config entry (<c>models.providers.&lt;p&gt;.models[].cost</c>) names.</summary>
internal static class ModelPricing
{
    /// <summary>A lookup over <paramref name="config"/>: null when the model is not configured or has no <c>cost</c>.</summary>
    public static Func<string?, string?, ModelCost?> From(JsonNode? config) => (provider, model) =>
    {
        var entry = provider is null || model is null ? null : ConfiguredModels.Entry(config, provider, model);
        return entry?["cost"] is JsonObject cost
            ? new ModelCost(Num(cost["input"]), Num(cost["output"]), Num(cost["cacheRead"]), Num(cost["cacheWrite"]))
            : null;
    };

    private static double Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;
}
