using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>
/// The <c>aggregates</c> of a <c>sessions.usage</c> answer, summed over every matched session (not only the rows
/// the limit keeps): message and tool tallies, usage by model, provider, agent, channel and creator, per-day cost,
/// latency and model use.
/// </summary>
internal sealed class UsageAggregates
{
    /// <summary>The creator key of sessions without a recorded creator.</summary>
    public const string UnknownCreator = "[\"unknown\"]";

    private readonly MessageCounts _messages = new();
    private readonly Dictionary<string, long> _tools = new(StringComparer.Ordinal);
    private readonly List<string> _toolOrder = [];
    private readonly OrderedSums<ModelUsage> _models = new();
    private readonly OrderedSums<ModelUsage> _providers = new();
    private readonly OrderedSums<UsageTotals> _agents = new();
    private readonly OrderedSums<UsageTotals> _channels = new();
    private readonly OrderedSums<Creator> _creators = new();
    private readonly SortedDictionary<string, Day> _days = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, UsageTotals> _costDays = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, LatencySums> _dailyLatency = new(StringComparer.Ordinal);
    private readonly OrderedSums<DailyModel> _dailyModels = new();
    private readonly LatencySums _latency = new();
    private long _sessionCount;
    private long _longestSessionMs;

    /// <summary>The usage of every matched session summed.</summary>
    public UsageTotals Totals { get; } = new();

    public void Add(SessionUsageSummary? usage, string agentId, string? channel, string creatorKey)
    {
        if (usage is null)
        {
            return;
        }

        Totals.Add(usage.Totals);
        _longestSessionMs = Math.Max(_longestSessionMs, usage.DurationMs ?? 0);
        var counted = usage.FirstActivity is not null || usage.Messages.Total > 0;
        if (counted)
        {
            _sessionCount++;
        }

        _messages.Add(usage.Messages);
        foreach (var (name, count) in usage.Tools)
        {
            if (!_tools.ContainsKey(name))
            {
                _toolOrder.Add(name);
            }

            _tools[name] = _tools.GetValueOrDefault(name) + count;
        }

        foreach (var model in usage.Models)
        {
            Merge(_models.Get(ModelUsage.Identity(model.Provider, model.Model), () => new ModelUsage(model.Provider, model.Model)), model);
            Merge(_providers.Get(model.Provider ?? "unknown", () => new ModelUsage(model.Provider, null)), model);
        }

        _agents.Get(agentId, () => new UsageTotals()).Add(usage.Totals);
        if (!string.IsNullOrEmpty(channel))
        {
            _channels.Get(channel, () => new UsageTotals()).Add(usage.Totals);
        }

        var creator = _creators.Get(creatorKey, () => new Creator(creatorKey));
        creator.Totals.Add(usage.Totals);
        if (counted)
        {
            creator.SessionCount++;
            var dates = new SortedSet<string>(usage.ActivityDates, StringComparer.Ordinal);
            dates.UnionWith(usage.Daily.Keys);
            dates.UnionWith(usage.DailyMessages.Keys);
            var key = string.Join('\0', dates);
            var activity = creator.Activity.TryGetValue(key, out var a) ? a : creator.Activity[key] = ([.. dates], 0);
            creator.Activity[key] = (activity.Dates, activity.Count + 1);
        }

        if (usage.Latency is { Count: > 0 } latency)
        {
            _latency.Merge(latency);
        }

        foreach (var (date, stats) in usage.DailyLatency)
        {
            Slot(_dailyLatency, date, () => new LatencySums()).Merge(stats);
        }

        foreach (var (date, totals) in usage.Daily)
        {
            var day = Slot(_days, date, () => new Day());
            day.Tokens += totals.TotalTokens;
            day.Cost += totals.TotalCost;
            Slot(_costDays, date, () => new UsageTotals()).Add(totals);
            Slot(creator.Daily, date, () => new UsageTotals()).Add(totals);
        }

        foreach (var (date, counts) in usage.DailyMessages)
        {
            var day = Slot(_days, date, () => new Day());
            day.Messages += counts.Total;
            day.ToolCalls += counts.ToolCalls;
            day.Errors += counts.Errors;
        }

        foreach (var model in usage.DailyModels)
        {
            var row = _dailyModels.Get($"{model.Date}\0{ModelUsage.Identity(model.Provider, model.Model)}", () => new DailyModel(model.Date, model.Provider, model.Model));
            row.Tokens += model.Tokens;
            row.Cost += model.Cost;
            row.Count += model.Count;
        }
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["sessionCount"] = _sessionCount };
        if (_longestSessionMs > 0)
        {
            json["longestSessionDurationMs"] = _longestSessionMs;
        }

        json["messages"] = _messages.WriteTo([]);
        var tools = _toolOrder.Select(name => (Name: name, Count: _tools[name])).OrderByDescending(t => t.Count).ToList();
        json["tools"] = new JsonObject
        {
            ["totalCalls"] = tools.Sum(t => t.Count),
            ["uniqueTools"] = tools.Count,
            ["tools"] = Rows(tools.Select(t => new JsonObject { ["name"] = t.Name, ["count"] = t.Count })),
        };
        json["byModel"] = Rows(ModelUsage.ByUsage(_models.Values, m => m.Totals).Select(m => m.ToJson()));
        json["byProvider"] = Rows(ModelUsage.ByUsage(_providers.Values, m => m.Totals).Select(m => m.ToJson(withModel: false)));
        json["byAgent"] = Rows(_agents.Pairs.OrderByDescending(p => p.Value.TotalCost).Select(p => new JsonObject { ["agentId"] = p.Key, ["totals"] = p.Value.WriteTo([]) }));
        json["byChannel"] = Rows(_channels.Pairs.OrderByDescending(p => p.Value.TotalCost).Select(p => new JsonObject { ["channel"] = p.Key, ["totals"] = p.Value.WriteTo([]) }));
        json["byCreator"] = Rows(_creators.Values
            .OrderByDescending(c => c.Totals.TotalCost).ThenByDescending(c => c.Totals.TotalTokens).ThenBy(c => c.Key, StringComparer.InvariantCulture)
            .Select(c => c.ToJson()));
        json["costDaily"] = Rows(_costDays.Select(d => d.Value.WriteTo(new JsonObject { ["date"] = d.Key })));
        if (_latency.Summary() is { } latency)
        {
            json["latency"] = latency.WriteSummaryTo([]);
        }

        json["dailyLatency"] = Rows(_dailyLatency.Select(d => d.Value.Summary()!.WriteSummaryTo(new JsonObject { ["date"] = d.Key })));
        json["modelDaily"] = Rows(_dailyModels.Values.OrderBy(m => m.Date, StringComparer.Ordinal).ThenByDescending(m => m.Cost).Select(m => m.ToJson()));
        json["daily"] = Rows(_days.Select(d => new JsonObject
        {
            ["date"] = d.Key,
            ["tokens"] = d.Value.Tokens,
            ["cost"] = d.Value.Cost,
            ["messages"] = d.Value.Messages,
            ["toolCalls"] = d.Value.ToolCalls,
            ["errors"] = d.Value.Errors,
        }));
        return json;
    }

    private static void Merge(ModelUsage into, ModelUsage from)
    {
        into.Count += from.Count;
        into.Totals.Add(from.Totals);
    }

    private static JsonArray Rows(IEnumerable<JsonObject> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            array.Add((JsonNode)row);
        }

        return array;
    }

    private static TValue Slot<TValue>(IDictionary<string, TValue> map, string key, Func<TValue> create) =>
        map.TryGetValue(key, out var value) ? value : map[key] = create();

    /// <summary>Values by key in first-seen order (the order ties keep when sorted).</summary>
    private sealed class OrderedSums<T>
    {
        private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, T>> _order = [];

        public IEnumerable<T> Values => _order.Select(p => p.Value);

        public IEnumerable<KeyValuePair<string, T>> Pairs => _order;

        public T Get(string key, Func<T> create)
        {
            if (!_byKey.TryGetValue(key, out var value))
            {
                value = create();
                _byKey[key] = value;
                _order.Add(new(key, value));
            }

            return value;
        }
    }

    /// <summary>Latencies merged from summaries: a count-weighted mean, the extremes, and the largest p95.</summary>
    private sealed class LatencySums
    {
        private long _count;
        private double _sum;
        private double _min = double.PositiveInfinity;
        private double _max;
        private double _p95;

        public void Merge(LatencyStats stats)
        {
            _count += stats.Count;
            _sum += stats.AvgMs * stats.Count;
            _min = Math.Min(_min, stats.MinMs);
            _max = Math.Max(_max, stats.MaxMs);
            _p95 = Math.Max(_p95, stats.P95Ms);
        }

        public LatencyStats? Summary() => _count > 0 || _sum > 0 || !double.IsPositiveInfinity(_min)
            ? new LatencyStats(_count, _count > 0 ? _sum / _count : 0, _p95, double.IsPositiveInfinity(_min) ? 0 : _min, _max)
            : null;
    }

    private sealed class Day
    {
        public long Tokens { get; set; }

        public double Cost { get; set; }

        public long Messages { get; set; }

        public long ToolCalls { get; set; }

        public long Errors { get; set; }
    }

    private sealed class Creator(string key)
    {
        public string Key { get; } = key;

        public UsageTotals Totals { get; } = new();

        public long SessionCount { get; set; }

        public SortedDictionary<string, UsageTotals> Daily { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (List<string> Dates, long Count)> Activity { get; } = new(StringComparer.Ordinal);

        public JsonObject ToJson() => new()
        {
            ["key"] = Key,
            ["totals"] = Totals.WriteTo([]),
            ["sessionCount"] = SessionCount,
            ["daily"] = Rows(Daily.Select(d => d.Value.WriteTo(new JsonObject { ["date"] = d.Key }))),
            ["sessionActivity"] = Rows(Activity.Values
                .OrderBy(a => string.Join(',', a.Dates), StringComparer.InvariantCulture)
                .Select(a => new JsonObject { ["dates"] = Rows2(a.Dates), ["sessionCount"] = a.Count })),
        };

        private static JsonArray Rows2(List<string> dates)
        {
            var array = new JsonArray();
            foreach (var date in dates)
            {
                array.Add((JsonNode)date);
            }

            return array;
        }
    }
}
