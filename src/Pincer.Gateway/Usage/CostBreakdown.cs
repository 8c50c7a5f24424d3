using System.Text.Json.Nodes;
using Pincer.Agents.Runs;

namespace Pincer.Gateway.Usage;

/// <summary>A cost in USD split by token kind.</summary>
internal sealed record CostBreakdown(double Total, double Input, double Output, double CacheRead, double CacheWrite, bool ProviderBilled)
{
    /// <summary>Whether the recorded cost shows something was charged (a zero the transport synthesised does not).</summary>
    public bool IsEvidence => Total > 0 || ProviderBilled || Input != 0 || Output != 0 || CacheRead != 0 || CacheWrite != 0;

    public static CostBreakdown? FromRecorded(JsonObject? cost)
    {
        if (cost?["total"] is not JsonValue t || !t.TryGetValue<double>(out var total) || !double.IsFinite(total) || total < 0)
        {
            return null;
        }

        return new CostBreakdown(total, Num(cost["input"]), Num(cost["output"]), Num(cost["cacheRead"]), Num(cost["cacheWrite"]),
            cost["totalOrigin"] is JsonValue o && o.TryGetValue<string>(out var origin) && origin == "provider-billed");
    }

    /// <summary>Prices are per million tokens.</summary>
    public static CostBreakdown Estimate(long input, long output, long cacheRead, long cacheWrite, ModelCost price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var i = input * price.Input / 1e6;
        var o = output * price.Output / 1e6;
        var r = cacheRead * price.CacheRead / 1e6;
        var w = cacheWrite * price.CacheWrite / 1e6;
        return new CostBreakdown(i + o + r + w, i, o, r, w, ProviderBilled: false);
    }

    private static double Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;
}
