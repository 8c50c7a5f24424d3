using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Usage;

/// <summary>
/// <c>sessions.usage</c>: the sessions of an agent (the default one, the requested one, or all with
/// <c>agentScope:"all"</c>), or the one a <c>key</c> names, newest first and at most <c>limit</c> (default 50),
/// each with its usage summary over the date range, plus totals and aggregates over every matched session.
/// The reference answers from a background-refreshed cache (its first answer after new turns may be
/// <c>refreshing</c> with no usage yet); Pincer reads the transcripts on each call, so every answer is the settled,
/// <c>fresh</c> one.
/// </summary>
internal sealed class SessionsUsageReport(AgentStores stores, ConfigState config, TimeProvider time)
{
    private const int DefaultLimit = 50;

    public async Task<JsonObject> BuildAsync(JsonObject p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var range = UsageDateRange.Resolve(p, now, time.LocalTimeZone, out var rangeError);
        if (rangeError is not null)
        {
            throw new RpcException(RpcError.InvalidRequest(rangeError));
        }

        var resolved = config.Current.Resolved;
        var limit = p["limit"] is JsonValue l && l.TryGetValue<double>(out var n) && double.IsFinite(n) ? n : DefaultLimit;
        var includeContextWeight = p["includeContextWeight"] is JsonValue w && w.TryGetValue<bool>(out var cw) && cw;
        var creatorKey = JsText.TrimToNull(Text(p["creatorKey"]));
        var specificKey = JsText.TrimToNull(Text(p["key"]));
        var requestedAgentId = JsText.TrimToNull(Text(p["agentId"]));
        var allAgents = Text(p["agentScope"]) == "all";
        if (allAgents && (requestedAgentId is not null || specificKey is not null))
        {
            throw new RpcException(RpcError.InvalidRequest("agentScope=all cannot be combined with key or agentId"));
        }

        var target = specificKey is null ? null : SessionTarget.Resolve(resolved, specificKey, requestedAgentId);
        var agentId = allAgents ? null
            : AgentId.NormalizeValue(target?.AgentId ?? requestedAgentId ?? SessionTarget.Resolve(resolved, "main", null).AgentId);
        var family = Text(p["groupBy"]) == "family" || (p["includeHistorical"] is JsonValue h && h.TryGetValue<bool>(out var hist) && hist);
        IEnumerable<string> agents = agentId is null ? SessionAgents.FromConfig(resolved).Ids : [agentId];
        var selected = await UsageSessionSelection.SelectAsync(stores, agents, specificKey, target, range.StartMs, nowMs, cancellationToken).ConfigureAwait(false);

        var pricing = ModelPricing.From(resolved);
        var aggregates = new UsageAggregates();
        var sessions = new JsonArray();
        var creatorOptions = new JsonArray();
        var matched = 0;
        foreach (var session in selected)
        {
            // Pincer records no session creator yet, so every session is the unknown creator's.
            const string creator = UsageAggregates.UnknownCreator;
            if (creatorOptions.Count == 0)
            {
                creatorOptions.Add((JsonNode)new JsonObject { ["key"] = creator });
            }

            if (creatorKey is not null && creatorKey != creator)
            {
                continue;
            }

            var usage = session.Transcript.Count == 0 ? null
                : SessionUsageSummary.Build(session.SessionId, session.SessionFile, session.Transcript.Select(e => TranscriptContribution.Read(e, pricing)).OfType<TranscriptContribution>(), range);
            var channel = DeliveryChannel(session.Entry?.Delivery);
            aggregates.Add(usage, session.AgentId, channel, creator);
            if (matched < limit)
            {
                sessions.Add((JsonNode)Row(session, usage, channel, creator, family, includeContextWeight));
            }

            matched++;
        }

        var answer = new JsonObject
        {
            ["updatedAt"] = nowMs,
            ["startDate"] = range.DayKey(range.StartMs),
            ["endDate"] = range.DayKey(range.EndMs),
            ["sessions"] = sessions,
            ["totals"] = aggregates.Totals.WriteTo([]),
            ["aggregates"] = aggregates.ToJson(),
            ["creatorOptions"] = creatorOptions,
        };
        if (matched > 0)
        {
            var cached = selected.Count(s => s.Transcript.Count > 0);
            var status = new JsonObject { ["status"] = "fresh", ["cachedFiles"] = cached, ["pendingFiles"] = 0, ["staleFiles"] = 0 };
            if (cached > 0)
            {
                status["refreshedAt"] = nowMs;
            }

            answer["cacheStatus"] = status;
        }

        return answer;
    }

    private static JsonObject Row(UsageSession session, SessionUsageSummary? usage, string? channel, string creator, bool family, bool includeContextWeight)
    {
        var entry = session.Entry;
        var row = new JsonObject { ["key"] = session.Key };
        Optional(row, "label", SessionDisplayName.Resolve(session.Key, entry));
        row["sessionId"] = session.SessionId;
        row["scope"] = family ? "family" : "instance";
        if (family)
        {
            row["sessionFamilyKey"] = Text(entry?.Json["usageFamilyKey"]) ?? session.Key;
            row["currentSessionId"] = session.SessionId;
            row["includedSessionIds"] = new JsonArray((JsonNode)session.SessionId);
            row["historicalInstanceCount"] = 1;
        }

        row["updatedAt"] = session.UpdatedAt;
        row["agentId"] = session.AgentId;
        row["creatorKey"] = creator;
        Optional(row, "channel", channel);
        var origin = entry?.Delivery is { } delivery && Text(delivery["kind"]) == "external" ? delivery["origin"] : null;
        Optional(row, "chatType", entry?.ChatType ?? Text(origin?["chatType"]));
        if (origin is not null)
        {
            row["origin"] = origin.DeepClone();
        }

        Optional(row, "modelOverride", entry?.ModelOverride);
        Optional(row, "providerOverride", entry?.ProviderOverride);
        Optional(row, "modelProvider", entry?.ModelProvider);
        Optional(row, "model", entry?.Model);
        row["usage"] = usage?.ToJson();
        var weight = entry?.Json["systemPromptReport"];
        row["hasContextWeight"] = weight is not null;
        if (includeContextWeight)
        {
            row["contextWeight"] = weight?.DeepClone();
        }

        return row;
    }

    /// <summary>An externally delivered session's channel: its delivery context's, else its origin's provider.</summary>
    private static string? DeliveryChannel(JsonObject? delivery) =>
        delivery is not null && Text(delivery["kind"]) == "external"
            ? Text(delivery["context"]?["channel"]) ?? Text(delivery["origin"]?["provider"])
            : null;

    private static void Optional(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
