using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>
/// One session's usage over a date range, summed from its transcript: token and cost totals, activity span and
/// days, message/tool/model tallies, reply latency (a reply's recorded duration, else the time since the user
/// message before it, up to 12 h), and per-day, per-UTC-quarter-hour and per-day-per-model breakdowns.
/// </summary>
internal sealed class SessionUsageSummary
{
    private const double MaxLatencyMs = 43_200_000;

    private SessionUsageSummary(string sessionId, string sessionFile)
    {
        SessionId = sessionId;
        SessionFile = sessionFile;
    }

    public string SessionId { get; }

    public string SessionFile { get; }

    public UsageTotals Totals { get; } = new();

    public long? FirstActivity { get; private set; }

    public long? LastActivity { get; private set; }

    public long? DurationMs => FirstActivity is { } first && LastActivity is { } last ? Math.Max(0, last - first) : null;

    public MessageCounts Messages { get; } = new();

    /// <summary>Tool calls by name, most used first, ties by name.</summary>
    public List<(string Name, long Count)> Tools { get; private set; } = [];

    public List<ModelUsage> Models { get; private set; } = [];

    public LatencyStats? Latency { get; private set; }

    public SortedSet<string> ActivityDates { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, UsageTotals> Daily { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, MessageCounts> DailyMessages { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, LatencyStats> DailyLatency { get; } = new(StringComparer.Ordinal);

    /// <summary>Per day and model, by day then most expensive first.</summary>
    public List<DailyModel> DailyModels { get; private set; } = [];

    private SortedDictionary<(string Date, int Quarter), MessageCounts> QuarterMessages { get; } = new();

    private SortedDictionary<(string Date, int Quarter), UsageTotals> QuarterTokens { get; } = new();

    /// <summary>A session's summary from its transcript's contributions, oldest written first.</summary>
    public static SessionUsageSummary Build(string sessionId, string sessionFile, IEnumerable<TranscriptContribution> contributions, UsageDateRange range)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(range);
        var buckets = new Dictionary<long, Bucket>();
        var untimed = new Bucket(0);
        long? lastUser = null;
        foreach (var c in contributions)
        {
            var bucket = c.TimestampMs is { } ts ? (buckets.TryGetValue(ts, out var b) ? b : buckets[ts] = new Bucket(ts)) : untimed;
            bucket.Add(c);
            if (c.TimestampMs is not { } at)
            {
                continue;
            }

            if (c.Role == "assistant")
            {
                var latency = c.DurationMs ?? (lastUser is { } user ? Math.Max(0, at - user) : null);
                if (latency is { } ms && double.IsFinite(ms) && ms <= MaxLatencyMs)
                {
                    bucket.Latency.Add(ms);
                }
            }
            else if (c.Role == "user")
            {
                lastUser = at;
            }
        }

        var summary = new SessionUsageSummary(sessionId, sessionFile);
        var tools = new Dictionary<string, long>(StringComparer.Ordinal);
        var models = new Dictionary<string, ModelUsage>(StringComparer.Ordinal);
        var dailyModels = new Dictionary<string, DailyModel>(StringComparer.Ordinal);
        var allLatency = new LatencyDigest();
        var dailyLatency = new SortedDictionary<string, LatencyDigest>(StringComparer.Ordinal);
        foreach (var bucket in buckets.Values.Where(b => b.At >= range.StartMs && b.At <= range.EndMs).OrderBy(b => b.At))
        {
            var day = range.DayKey(bucket.At);
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(bucket.At).UtcDateTime;
            var quarter = (utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ((utc.Hour * 60) + utc.Minute) / 15);
            summary.FirstActivity = Math.Min(summary.FirstActivity ?? bucket.At, bucket.At);
            summary.LastActivity = Math.Max(summary.LastActivity ?? bucket.At, bucket.At);
            summary.ActivityDates.Add(day);
            summary.MergeBucket(bucket, tools, models);
            Slot(summary.Daily, day).Add(bucket.Totals);
            Slot(summary.DailyMessages, day).Add(bucket.Messages);
            Slot(summary.QuarterMessages, quarter).Add(bucket.Messages);
            Slot(summary.QuarterTokens, quarter).Add(bucket.Totals);
            foreach (var model in bucket.Models)
            {
                var id = $"{day}\0{ModelUsage.Identity(model.Provider, model.Model)}";
                var row = dailyModels.TryGetValue(id, out var existing) ? existing : dailyModels[id] = new DailyModel(day, model.Provider, model.Model);
                row.Tokens += model.Totals.TotalTokens;
                row.Cost += model.Totals.TotalCost;
                row.Count += model.Count;
            }

            allLatency.Merge(bucket.Latency);
            Slot(dailyLatency, day).Merge(bucket.Latency);
        }

        if (range.IncludeUntimestamped)
        {
            summary.MergeBucket(untimed, tools, models);
        }

        summary.Tools = [.. tools.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.InvariantCulture).Select(t => (t.Key, t.Value))];
        summary.Models = ModelUsage.ByUsage(models.Values, m => m.Totals);
        summary.Latency = allLatency.Stats();
        foreach (var (day, digest) in dailyLatency)
        {
            if (digest.Stats() is { } stats)
            {
                summary.DailyLatency[day] = stats;
            }
        }

        summary.DailyModels = [.. dailyModels.Values.OrderBy(m => m.Date, StringComparer.Ordinal).ThenByDescending(m => m.Cost)];
        return summary;
    }

    /// <summary>The summary as <c>sessions.usage</c> reports it on a row.</summary>
    public JsonObject ToJson()
    {
        var json = Totals.WriteTo([]);
        var missingByModel = json["missingCostByModel"];
        json.Remove("missingCostByModel");
        json["sessionId"] = SessionId;
        json["sessionFile"] = SessionFile;
        if (missingByModel is not null)
        {
            json["missingCostByModel"] = missingByModel;
        }

        Optional(json, "firstActivity", FirstActivity);
        Optional(json, "lastActivity", LastActivity);
        Optional(json, "durationMs", DurationMs);
        json["messageCounts"] = Messages.WriteTo([]);
        if (Tools.Count > 0)
        {
            var tools = new JsonArray();
            foreach (var (name, count) in Tools)
            {
                tools.Add((JsonNode)new JsonObject { ["name"] = name, ["count"] = count });
            }

            json["toolUsage"] = new JsonObject { ["totalCalls"] = Tools.Sum(t => t.Count), ["uniqueTools"] = Tools.Count, ["tools"] = tools };
        }

        if (Models.Count > 0)
        {
            json["modelUsage"] = Rows(Models.Select(m => m.ToJson()));
        }

        if (Latency is { } latency)
        {
            json["latency"] = latency.WriteTo([]);
        }

        if (ActivityDates.Count > 0)
        {
            json["activityDates"] = Rows(ActivityDates.Select(d => (JsonNode)d));
        }

        if (Daily.Count > 0)
        {
            json["dailyBreakdown"] = Rows(Daily.Select(d => d.Value.WriteTo(new JsonObject { ["date"] = d.Key, ["tokens"] = d.Value.TotalTokens, ["cost"] = d.Value.TotalCost })));
            json["dailyMessageCounts"] = Rows(DailyMessages.Select(d => d.Value.WriteTo(new JsonObject { ["date"] = d.Key })));
            json["utcQuarterHourMessageCounts"] = Rows(QuarterMessages.Select(q => q.Value.WriteTo(new JsonObject { ["date"] = q.Key.Date, ["quarterIndex"] = q.Key.Quarter })));
            json["utcQuarterHourTokenUsage"] = Rows(QuarterTokens.Select(q => new JsonObject
            {
                ["date"] = q.Key.Date,
                ["quarterIndex"] = q.Key.Quarter,
                ["input"] = q.Value.Input,
                ["output"] = q.Value.Output,
                ["cacheRead"] = q.Value.CacheRead,
                ["cacheWrite"] = q.Value.CacheWrite,
                ["totalTokens"] = q.Value.TotalTokens,
                ["totalCost"] = q.Value.TotalCost,
            }));
        }

        if (DailyLatency.Count > 0)
        {
            json["dailyLatency"] = Rows(DailyLatency.Select(d => d.Value.WriteTo(new JsonObject { ["date"] = d.Key })));
        }

        if (DailyModels.Count > 0)
        {
            json["dailyModelUsage"] = Rows(DailyModels.Select(m => m.ToJson()));
        }

        return json;
    }

    private void MergeBucket(Bucket bucket, Dictionary<string, long> tools, Dictionary<string, ModelUsage> models)
    {
        Totals.Add(bucket.Totals);
        Messages.Add(bucket.Messages);
        foreach (var (name, count) in bucket.Tools)
        {
            tools[name] = tools.GetValueOrDefault(name) + count;
        }

        foreach (var model in bucket.Models)
        {
            var id = ModelUsage.Identity(model.Provider, model.Model);
            var into = models.TryGetValue(id, out var existing) ? existing : models[id] = new ModelUsage(model.Provider, model.Model);
            into.Count += model.Count;
            into.Totals.Add(model.Totals);
        }
    }

    private static JsonArray Rows(IEnumerable<JsonNode> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            array.Add(row);
        }

        return array;
    }

    private static void Optional(JsonObject json, string name, long? value)
    {
        if (value is { } v)
        {
            json[name] = v;
        }
    }

    private static TValue Slot<TKey, TValue>(IDictionary<TKey, TValue> map, TKey key)
        where TValue : new() => map.TryGetValue(key, out var value) ? value : map[key] = new TValue();

    /// <summary>What one instant of the transcript adds up to.</summary>
    private sealed class Bucket(long at)
    {
        public long At { get; } = at;

        public UsageTotals Totals { get; } = new();

        public MessageCounts Messages { get; } = new();

        public List<(string Name, long Count)> Tools { get; } = [];

        public List<ModelUsage> Models { get; } = [];

        public LatencyDigest Latency { get; } = new();

        public void Add(TranscriptContribution c)
        {
            Messages.Add(c);
            foreach (var name in c.ToolNames)
            {
                var i = Tools.FindIndex(t => t.Name == name);
                if (i >= 0)
                {
                    Tools[i] = (name, Tools[i].Count + 1);
                }
                else
                {
                    Tools.Add((name, 1));
                }
            }

            if (c.Usage is not { } usage)
            {
                return;
            }

            Totals.Add(usage);
            if (c.Provider is null && c.Model is null)
            {
                return;
            }

            var id = ModelUsage.Identity(c.Provider, c.Model);
            var model = Models.Find(m => ModelUsage.Identity(m.Provider, m.Model) == id);
            if (model is null)
            {
                model = new ModelUsage(c.Provider, c.Model);
                Models.Add(model);
            }

            model.Count++;
            model.Totals.Add(usage);
        }
    }
}

/// <summary>One model's use on one day.</summary>
internal sealed class DailyModel(string date, string? provider, string? model)
{
    public string Date { get; } = date;

    public string? Provider { get; } = provider;

    public string? Model { get; } = model;

    public long Tokens { get; set; }

    public double Cost { get; set; }

    public long Count { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["date"] = Date };
        if (Provider is not null)
        {
            json["provider"] = Provider;
        }

        if (Model is not null)
        {
            json["model"] = Model;
        }

        json["tokens"] = Tokens;
        json["cost"] = Cost;
        json["count"] = Count;
        return json;
    }
}
