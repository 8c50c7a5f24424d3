using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>What one provider/model pair used: how many messages with usage, and their sums.</summary>
internal sealed class ModelUsage(string? provider, string? model)
{
    public string? Provider { get; } = provider;

    public string? Model { get; } = model;

    public long Count { get; set; }

    public UsageTotals Totals { get; } = new();

    /// <summary>The pair's identity, a missing half counted as <c>unknown</c>.</summary>
    public static string Identity(string? provider, string? model) => $"{provider ?? "unknown"}\0{model ?? "unknown"}";

    /// <summary>Most expensive first, then most tokens; ties keep their order.</summary>
    public static List<T> ByUsage<T>(IEnumerable<T> items, Func<T, UsageTotals> totals) =>
        [.. items.OrderByDescending(x => totals(x).TotalCost).ThenByDescending(x => totals(x).TotalTokens)];

    public JsonObject ToJson(bool withModel = true)
    {
        var json = new JsonObject();
        if (Provider is not null)
        {
            json["provider"] = Provider;
        }

        if (withModel && Model is not null)
        {
            json["model"] = Model;
        }

        json["count"] = Count;
        json["totals"] = Totals.WriteTo([]);
        return json;
    }
}
