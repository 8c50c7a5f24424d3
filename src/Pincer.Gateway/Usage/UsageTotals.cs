using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>Token and cost sums over assistant messages, in the field order the reference reports them.</summary>
internal sealed class UsageTotals
{
    public long Input { get; private set; }

    public long Output { get; private set; }

    public long CacheRead { get; private set; }

    public long CacheWrite { get; private set; }

    public long TotalTokens { get; private set; }

    public double TotalCost { get; private set; }

    public double InputCost { get; private set; }

    public double OutputCost { get; private set; }

    public double CacheReadCost { get; private set; }

    public double CacheWriteCost { get; private set; }

    /// <summary>Messages that had usage but no cost breakdown.</summary>
    public long MissingCostEntries { get; private set; }

    /// <summary>Adds one assistant message's <c>usage</c> object.</summary>
    public void Add(JsonObject usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var input = Long(usage["input"]);
        var output = Long(usage["output"]);
        var cacheRead = Long(usage["cacheRead"]);
        var cacheWrite = Long(usage["cacheWrite"]);
        Input += input;
        Output += output;
        CacheRead += cacheRead;
        CacheWrite += cacheWrite;
        TotalTokens += usage["totalTokens"] is JsonValue ? Long(usage["totalTokens"]) : input + output + cacheRead + cacheWrite;
        if (usage["cost"] is JsonObject cost && cost["total"] is JsonValue)
        {
            TotalCost += Num(cost["total"]);
            InputCost += Num(cost["input"]);
            OutputCost += Num(cost["output"]);
            CacheReadCost += Num(cost["cacheRead"]);
            CacheWriteCost += Num(cost["cacheWrite"]);
        }
        else
        {
            MissingCostEntries++;
        }
    }

    public void Add(UsageTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Input += other.Input;
        Output += other.Output;
        CacheRead += other.CacheRead;
        CacheWrite += other.CacheWrite;
        TotalTokens += other.TotalTokens;
        TotalCost += other.TotalCost;
        InputCost += other.InputCost;
        OutputCost += other.OutputCost;
        CacheReadCost += other.CacheReadCost;
        CacheWriteCost += other.CacheWriteCost;
        MissingCostEntries += other.MissingCostEntries;
    }

    /// <summary>Writes the sums into <paramref name="target"/> (after any keys it already has).</summary>
    public JsonObject WriteTo(JsonObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target["input"] = Input;
        target["output"] = Output;
        target["cacheRead"] = CacheRead;
        target["cacheWrite"] = CacheWrite;
        target["totalTokens"] = TotalTokens;
        target["totalCost"] = TotalCost;
        target["inputCost"] = InputCost;
        target["outputCost"] = OutputCost;
        target["cacheReadCost"] = CacheReadCost;
        target["cacheWriteCost"] = CacheWriteCost;
        target["missingCostEntries"] = MissingCostEntries;
        return target;
    }

    private static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : 0;

    private static double Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;
}
