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

    /// <summary>Messages without a known cost, by <c>provider/model</c>.</summary>
    public SortedDictionary<string, long>? MissingCostByModel { get; private set; }

    /// <summary>Adds one message's usage.</summary>
    public void Add(TranscriptUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        Input += usage.Input;
        Output += usage.Output;
        CacheRead += usage.CacheRead;
        CacheWrite += usage.CacheWrite;
        TotalTokens += usage.TotalTokens;
        if (usage.Cost is { } cost)
        {
            TotalCost += cost.Total;
            InputCost += cost.Input;
            OutputCost += cost.Output;
            CacheReadCost += cost.CacheRead;
            CacheWriteCost += cost.CacheWrite;
        }
        else
        {
            MissingCostEntries++;
            var model = $"{Trimmed(usage.Provider) ?? "unknown"}/{Trimmed(usage.Model) ?? "unknown"}";
            MissingCostByModel ??= new(StringComparer.Ordinal);
            MissingCostByModel[model] = MissingCostByModel.GetValueOrDefault(model) + 1;
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
        foreach (var (model, count) in other.MissingCostByModel ?? [])
        {
            MissingCostByModel ??= new(StringComparer.Ordinal);
            MissingCostByModel[model] = MissingCostByModel.GetValueOrDefault(model) + count;
        }
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
        if (MissingCostByModel is not null)
        {
            var byModel = new JsonObject();
            foreach (var (model, count) in MissingCostByModel)
            {
                byModel[model] = count;
            }

            target["missingCostByModel"] = byModel;
        }

        return target;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
