using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions;

namespace Pincer.Gateway.Usage;

/// <summary>
/// <c>usage.cost</c>: what the assistant's replies used and cost per day over the last <c>days</c> days (default
/// 30, today included, in the gateway's time zone), summed from every agent's session transcripts, with totals.
/// The transcripts are read on each call, so the report is always <c>fresh</c>.
/// </summary>
internal sealed class UsageCostReport(AgentStores stores, ConfigState config, TimeProvider time)
{
    private const int DefaultDays = 30;
    private const int MaxDays = 366;

    public async Task<JsonObject> BuildAsync(JsonObject p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var days = p["days"] is JsonValue d && d.TryGetValue<double>(out var n) && n >= 1 ? (int)Math.Min(n, MaxDays) : DefaultDays;
        var now = time.GetUtcNow();
        var zone = time.LocalTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddDays(1 - days);
        var daily = new SortedDictionary<DateOnly, UsageTotals>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            daily[day] = new UsageTotals();
        }

        var pricing = ModelPricing.From(config.Current.Resolved);
        var files = 0;
        foreach (var agentId in stores.AgentIdsOnDisk())
        {
            var store = await stores.GetExistingAsync(agentId).ConfigureAwait(false);
            if (store is null)
            {
                continue;
            }

            foreach (var session in await store.Sessions.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (session.Entry.SessionId is not { Length: > 0 } sessionId)
                {
                    continue;
                }

                files++;
                foreach (var stored in await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false))
                {
                    if (TranscriptUsage.Read(stored.Entry, pricing) is not { Timestamp: { } at } usage)
                    {
                        continue;
                    }

                    var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
                    if (daily.TryGetValue(day, out var totals))
                    {
                        totals.Add(usage);
                    }
                }
            }
        }

        var all = new UsageTotals();
        var rows = new JsonArray();
        foreach (var (day, totals) in daily)
        {
            all.Add(totals);
            rows.Add((JsonNode)totals.WriteTo(new JsonObject { ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var cache = new JsonObject { ["status"] = "fresh", ["cachedFiles"] = files, ["pendingFiles"] = 0, ["staleFiles"] = 0 };
        if (files > 0)
        {
            // Nothing read, nothing refreshed: the reference names a refresh time only once it has read a transcript.
            cache["refreshedAt"] = nowMs;
        }

        return new JsonObject
        {
            ["updatedAt"] = nowMs,
            ["days"] = days,
            ["daily"] = rows,
            ["totals"] = all.WriteTo([]),
            ["cacheStatus"] = cache,
        };
    }
}
