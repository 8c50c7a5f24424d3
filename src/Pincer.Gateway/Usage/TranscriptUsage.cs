using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Usage;

/// <summary>
/// One transcript message's token counts and cost as the usage reports count them. A cost the message recorded
/// stands when it is evidence (a positive total, a non-zero part, or provider-billed); otherwise the cost is
/// estimated from the model's configured prices, and is unknown (<see cref="CostTotal"/> null) when the model
/// has none and tokens were used.
/// </summary>
internal sealed record TranscriptUsage(
    DateTimeOffset? Timestamp,
    string? Provider,
    string? Model,
    long Input,
    long Output,
    long CacheRead,
    long CacheWrite,
    long TotalTokens,
    CostBreakdown? Cost)
{
    /// <summary>The message's cost in USD, or null when it is unknown.</summary>
    public double? CostTotal => Cost?.Total;

    /// <summary>The usage of a user/assistant/tool message that carries a <c>usage</c> object, else null.</summary>
    public static TranscriptUsage? Read(TranscriptEntry entry, Func<string?, string?, ModelCost?> pricing)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(pricing);
        if (entry.Message is not { } message || message["usage"] is not JsonObject usage
            || entry.Role is not ("user" or "assistant" or "tool" or "toolResult"))
        {
            return null;
        }

        var input = Count(usage["input"]);
        var output = Count(usage["output"]);
        var cacheRead = Count(usage["cacheRead"]);
        var cacheWrite = Count(usage["cacheWrite"]);
        var components = input + output + cacheRead + cacheWrite;
        var total = usage["totalTokens"] is JsonValue ? Count(usage["totalTokens"]) : components;
        var provider = Str(message["provider"]);
        var model = Str(message["model"]);
        var recorded = CostBreakdown.FromRecorded(usage["cost"] as JsonObject);
        if (recorded is null || !recorded.IsEvidence)
        {
            var price = pricing(provider, model);
            if (price is null && total > 0)
            {
                recorded = null;
            }
            else if (recorded is null || total > 0)
            {
                recorded = price is null ? null : CostBreakdown.Estimate(input, output, cacheRead, cacheWrite, price);
            }
        }

        return new TranscriptUsage(Time(entry), provider, model, input, output, cacheRead, cacheWrite, total, recorded);
    }

    /// <summary>The message's own time, else its entry's.</summary>
    public static DateTimeOffset? Time(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Message?["timestamp"] is JsonValue v && v.TryGetValue<double>(out var ms) && double.IsFinite(ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
            : entry.Timestamp;
    }

    private static long Count(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d > 0 ? (long)Math.Min(Math.Truncate(d), 9007199254740991) : 0;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
