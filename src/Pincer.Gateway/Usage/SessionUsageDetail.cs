using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;

namespace Pincer.Gateway.Usage;

/// <summary>
/// One session's usage in detail, read from its transcript: <c>sessions.usage.timeseries</c> (a point per message
/// with usage, oldest first, merged into at most 200 buckets, with running sums) and <c>sessions.usage.logs</c>
/// (the newest messages as role + flattened text, with the assistant's tokens and cost).
/// </summary>
internal sealed class SessionUsageDetail(AgentStores stores, ConfigState config)
{
    private const int MaxPoints = 200;
    private const int DefaultLogLimit = 200;
    private const int MaxLogLimit = 1000;
    private const int MaxLogChars = 2000;

    public async Task<JsonObject> TimeseriesAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var (key, session, entries) = await ReadAsync(p, "timeseries", cancellationToken).ConfigureAwait(false);
        if (entries is null)
        {
            throw new RpcException(RpcError.InvalidRequest($"No transcript found for session: {key}"));
        }

        var pricing = ModelPricing.From(config.Current.Resolved);
        var points = entries
            .Select(e => TranscriptUsage.Read(e, pricing))
            .Where(u => u?.Timestamp is { } t && t.ToUnixTimeMilliseconds() != 0)
            .Select(u => new Point(u!.Timestamp!.Value.ToUnixTimeMilliseconds(), u.Input, u.Output, u.CacheRead, u.CacheWrite, u.TotalTokens, u.CostTotal ?? 0))
            .OrderBy(point => point.Timestamp)
            .ToList();
        if (points.Count > MaxPoints)
        {
            points = Downsample(points, (int)Math.Ceiling(points.Count / (double)MaxPoints));
        }

        var rows = new JsonArray();
        long tokens = 0;
        double cost = 0;
        foreach (var point in points)
        {
            tokens += point.TotalTokens;
            cost += point.Cost;
            rows.Add((JsonNode)new JsonObject
            {
                ["timestamp"] = point.Timestamp,
                ["input"] = point.Input,
                ["output"] = point.Output,
                ["cacheRead"] = point.CacheRead,
                ["cacheWrite"] = point.CacheWrite,
                ["totalTokens"] = point.TotalTokens,
                ["cost"] = point.Cost,
                ["cumulativeTokens"] = tokens,
                ["cumulativeCost"] = cost,
            });
        }

        return new JsonObject { ["sessionId"] = session?.SessionId, ["points"] = rows };
    }

    public async Task<JsonObject> LogsAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var limit = p["limit"] is JsonValue l && l.TryGetValue<double>(out var n) && double.IsFinite(n) ? Math.Min(n, MaxLogLimit) : DefaultLogLimit;
        var (_, _, entries) = await ReadAsync(p, "logs", cancellationToken).ConfigureAwait(false);
        var logs = new JsonArray();
        if (entries is null || limit <= 0)
        {
            return new JsonObject { ["logs"] = logs };
        }

        var pricing = ModelPricing.From(config.Current.Resolved);
        var lines = new List<(long At, JsonObject Line)>();
        foreach (var entry in entries)
        {
            if (entry.Message is not { } message || entry.Role is not ({ } role and ("user" or "assistant" or "tool" or "toolResult")))
            {
                continue;
            }

            var content = Flatten(message, role).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            if (content.Length > MaxLogChars)
            {
                content = SessionDisplayMessage.TruncateUtf16(content, MaxLogChars) + "…";
            }

            var at = TranscriptUsage.Time(entry)?.ToUnixTimeMilliseconds() ?? 0;
            var line = new JsonObject { ["timestamp"] = at, ["role"] = role, ["content"] = content };
            if (role == "assistant" && TranscriptUsage.Read(entry, pricing) is { } usage)
            {
                line["tokens"] = usage.TotalTokens;
                if (usage.CostTotal is { } cost)
                {
                    line["cost"] = cost;
                }
            }

            lines.Add((at, line));
        }

        var keep = (int)Math.Min(lines.Count, Math.Truncate(limit));
        foreach (var (_, line) in lines.OrderBy(x => x.At).Skip(lines.Count - keep))
        {
            logs.Add((JsonNode)line);
        }

        return new JsonObject { ["logs"] = logs };
    }

    /// <summary>The requested session's transcript entries, or null when it has none.</summary>
    private async Task<(string Key, SessionEntry? Session, IReadOnlyList<TranscriptEntry>? Entries)> ReadAsync(JsonObject p, string detail, CancellationToken cancellationToken)
    {
        var key = JsText.TrimToNull(SessionListReader.Str(p, "key")) ?? throw new RpcException(RpcError.InvalidRequest($"key is required for {detail}"));
        var target = SessionTarget.Resolve(config.Current.Resolved, key, JsText.TrimToNull(SessionListReader.Str(p, "agentId")));
        var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
        var session = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        if (store is null || session?.SessionId is not { Length: > 0 } sessionId)
        {
            return (key, session, null);
        }

        var stored = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return stored.Count == 0 ? (key, session, null) : (key, session, [.. stored.Select(s => s.Entry)]);
    }

    /// <summary>A message as one line of text: its text blocks, with tool calls and results named.</summary>
    private static string Flatten(JsonObject message, string role)
    {
        var parts = new List<string>();
        var toolName = Text(message["toolName"]) ?? Text(message["tool_name"]) ?? Text(message["name"]) ?? Text(message["tool"]);
        if (role is "tool" or "toolResult")
        {
            parts.Add($"[Tool: {JsText.TrimToNull(toolName) ?? "tool"}]");
            parts.Add("[Tool Result]");
        }

        switch (message["content"])
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                parts.Add(text);
                break;
            case JsonArray blocks:
                var joined = string.Join('\n', blocks.Select(Block).Where(s => s.Length > 0));
                if (joined.Length > 0)
                {
                    parts.Add(joined);
                }

                break;
        }

        var calls = message["tool_calls"] ?? message["toolCalls"] ?? message["function_call"] ?? message["functionCall"];
        foreach (var call in calls switch { JsonArray list => list.ToList(), null => [], _ => [calls] })
        {
            parts.Add($"[Tool: {Text(call?["name"]) ?? Text(call?["function"]?["name"]) ?? "unknown"}]");
        }

        return string.Join('\n', parts);
    }

    private static string Block(JsonNode? block)
    {
        if (Text(block) is { } plain)
        {
            return plain;
        }

        var type = Text(block?["type"]);
        if (type == "text" && Text(block?["text"]) is { } text)
        {
            return text;
        }

        if (type?.ToLowerInvariant() is "toolcall" or "tool_call" or "tooluse" or "tool_use")
        {
            return $"[Tool: {Text(block?["name"]) ?? "unknown"}]";
        }

        return type == "tool_result" ? "[Tool Result]" : string.Empty;
    }

    private static List<Point> Downsample(List<Point> points, int step)
    {
        var buckets = new List<Point>();
        foreach (var chunk in points.Chunk(step))
        {
            buckets.Add(new Point(chunk[^1].Timestamp, chunk.Sum(x => x.Input), chunk.Sum(x => x.Output), chunk.Sum(x => x.CacheRead),
                chunk.Sum(x => x.CacheWrite), chunk.Sum(x => x.TotalTokens), chunk.Aggregate(0.0, (sum, x) => sum + x.Cost)));
        }

        return buckets;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private sealed record Point(long Timestamp, long Input, long Output, long CacheRead, long CacheWrite, long TotalTokens, double Cost);
}
