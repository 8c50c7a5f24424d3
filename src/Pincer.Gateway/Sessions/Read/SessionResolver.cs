using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// <c>sessions.resolve</c>: finds one session by exactly one of key, sessionId, label, shortId (a prefix
/// of the UUID a key ends with) or reference, answering <c>{ok:true,key,agentId}</c>, candidates when a
/// short id is ambiguous, <c>{ok:false}</c> when missing and allowed, else the reference's refusals.
/// Control-UI slugs (<c>slugHint</c>, <c>reference.slug</c>) only narrow by exact display-name match here.
/// </summary>
internal sealed partial class SessionResolver(AgentStores stores, ConfigState config, TimeProvider time)
{
    private const int MaxCandidates = 10;

    public async Task<JsonObject> ResolveAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var cfg = config.Current.Resolved;
        var key = JsText.TrimToNull(SessionListReader.Str(p, "key"));
        var sessionId = JsText.TrimToNull(SessionListReader.Str(p, "sessionId"));
        var label = JsText.TrimToNull(SessionListReader.Str(p, "label"));
        var shortId = JsText.TrimToNull(SessionListReader.Str(p, "shortId"));
        var reference = p["reference"] as JsonObject;
        if (p["slugHint"] is not null && shortId is null)
        {
            throw Invalid("slugHint requires shortId");
        }

        var selections = new[] { key is not null, sessionId is not null, label is not null, shortId is not null, reference is not null }.Count(b => b);
        if (selections > 1)
        {
            throw Invalid("Provide either key, sessionId, label, shortId, or reference (not multiple)");
        }

        if (selections == 0)
        {
            throw Invalid("Either key, sessionId, label, shortId, or reference is required");
        }

        var allowMissing = SessionListReader.Bool(p, "allowMissing") == true;
        if (reference is not null)
        {
            var refKey = (string)reference["key"]!;
            var target = SessionTarget.Resolve(cfg, refKey, SessionListReader.Str(p, "agentId"));
            var all = await VisibleAsync(p, "all", cancellationToken).ConfigureAwait(false);
            var exact = all.FirstOrDefault(r => r.Record.SessionKey == target.StoreKey && r.AgentId == target.AgentId);
            return exact.Record is not null ? Found(Candidate(exact.Record, exact.AgentId)) : Missing(allowMissing, $"No session found: {refKey}");
        }

        if (key is not null)
        {
            var target = SessionTarget.Resolve(cfg, key, SessionListReader.Str(p, "agentId"));
            var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
            var entry = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return Missing(allowMissing, $"No session found: {key}");
            }

            if (SessionListReader.Str(p, "spawnedBy") is { Length: > 0 }
                && !(await VisibleAsync(p, null, cancellationToken).ConfigureAwait(false)).Any(r => r.Record.SessionKey == target.StoreKey))
            {
                return Missing(allowMissing, $"No session found: {key}");
            }

            return new JsonObject { ["ok"] = true, ["key"] = target.StoreKey, ["agentId"] = target.AgentId };
        }

        if (sessionId is not null)
        {
            var visible = await VisibleAsync(p, null, cancellationToken).ConfigureAwait(false);
            var matches = visible.Where(r => r.Record.Entry.SessionId == sessionId || r.Record.SessionKey == sessionId).ToList();
            if (matches.Count == 0)
            {
                return Missing(allowMissing, $"No session found: {sessionId}");
            }

            if (matches.Count > 1)
            {
                // The freshest row wins when it is strictly the freshest; otherwise the id is ambiguous.
                var ordered = matches.OrderByDescending(m => m.Record.Entry.UpdatedAt ?? 0).ToList();
                if ((ordered[0].Record.Entry.UpdatedAt ?? 0) == (ordered[1].Record.Entry.UpdatedAt ?? 0))
                {
                    throw Invalid($"Multiple sessions found for sessionId: {sessionId} ({string.Join(", ", matches.Select(m => m.Record.SessionKey))})");
                }

                matches = [ordered[0]];
            }

            return new JsonObject { ["ok"] = true, ["key"] = matches[0].Record.SessionKey, ["agentId"] = matches[0].AgentId };
        }

        if (shortId is not null)
        {
            if (!ShortId().IsMatch(shortId))
            {
                throw Invalid("shortId must be 8-32 hexadecimal characters");
            }

            var normalized = shortId.ToLowerInvariant();
            var candidates = (await VisibleAsync(p, "all", cancellationToken).ConfigureAwait(false))
                .Where(r => UuidSuffix().Match(SessionKeys.ParseAgent(r.Record.SessionKey)?.Rest ?? string.Empty) is { Success: true } m
                    && m.Groups[1].Value.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).StartsWith(normalized, StringComparison.Ordinal))
                .Select(r => Candidate(r.Record, r.AgentId))
                .ToList();
            var slugHint = JsText.TrimToNull(SessionListReader.Str(p, "slugHint"));
            var bySlug = slugHint is null ? [] : candidates.Where(c => (string?)c["displayName"] == slugHint).ToList();
            var narrowed = bySlug.Count > 0 ? bySlug : candidates;
            if (narrowed.Count == 0)
            {
                return Missing(allowMissing, $"No session found: {normalized}");
            }

            return narrowed.Count > 1
                ? new JsonObject { ["ok"] = false, ["candidates"] = new JsonArray([.. narrowed.Take(MaxCandidates)]) }
                : Found(narrowed[0]);
        }

        var labelMatches = (await VisibleAsync(p, null, cancellationToken).ConfigureAwait(false)).Where(r => r.Record.Entry.Label == label).Take(2).ToList();
        if (labelMatches.Count == 0)
        {
            return Missing(allowMissing, $"No session found with label: {label}");
        }

        if (labelMatches.Count > 1)
        {
            throw Invalid($"Multiple sessions found with label: {label} ({string.Join(", ", labelMatches.Select(m => m.Record.SessionKey))})");
        }

        return new JsonObject { ["ok"] = true, ["key"] = labelMatches[0].Record.SessionKey, ["agentId"] = labelMatches[0].AgentId };
    }

    /// <summary>The rows a resolve may pick from, in list order, under the request's visibility options.</summary>
    private async Task<List<(SessionRecord Record, string AgentId)>> VisibleAsync(JsonObject p, string? archived, CancellationToken cancellationToken)
    {
        var cfg = config.Current.Resolved;
        var filterParams = new JsonObject();
        foreach (var name in new[] { "includeGlobal", "includeUnknown", "spawnedBy", "agentId" })
        {
            if (p[name] is { } value)
            {
                filterParams[name] = value.DeepClone();
            }
        }

        if (archived is not null)
        {
            filterParams["archived"] = archived;
        }

        var filter = new SessionListFilter(filterParams, cfg, time.GetUtcNow().ToUnixTimeMilliseconds());
        var agentIds = SessionListReader.Str(p, "agentId") is { } requested
            ? [AgentId.NormalizeValue(requested)]
            : SessionAgents.FromConfig(cfg).Ids.Concat(stores.AgentIdsOnDisk()).Distinct(StringComparer.Ordinal).ToList();
        var rows = new List<(SessionRecord Record, string AgentId)>();
        foreach (var agentId in agentIds)
        {
            if (await stores.GetExistingAsync(agentId).ConfigureAwait(false) is not { } store)
            {
                continue;
            }

            rows.AddRange((await store.Sessions.ListAsync(null, cancellationToken).ConfigureAwait(false))
                .Where(r => filter.Keep(r.SessionKey, store.AgentId, r.Entry))
                .Select(r => (r, store.AgentId)));
        }

        rows.Sort((x, y) => SessionListOrder.Compare(x.Record, y.Record, "updatedAt"));
        return rows;
    }

    private static JsonObject Candidate(SessionRecord record, string agentId)
    {
        var candidate = new JsonObject { ["key"] = record.SessionKey, ["agentId"] = AgentId.NormalizeValue(agentId) };
        if (SessionDisplayName.Resolve(record.SessionKey, record.Entry) is { Length: > 0 } displayName)
        {
            candidate["displayName"] = displayName;
        }

        foreach (var name in new[] { "boardFace", "boardPresentation" })
        {
            if (record.Entry.Json[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            {
                candidate[name] = s;
            }
        }

        return candidate;
    }

    private static JsonObject Found(JsonObject candidate)
    {
        var result = new JsonObject { ["ok"] = true };
        foreach (var (name, value) in candidate.ToList())
        {
            candidate.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static JsonObject Missing(bool allowMissing, string message) =>
        allowMissing ? new JsonObject { ["ok"] = false } : throw Invalid(message);

    private static RpcException Invalid(string message) => new(RpcError.InvalidRequest(message));

    [GeneratedRegex("^[0-9a-f]{8,32}$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortId();

    [GeneratedRegex("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", RegexOptions.IgnoreCase)]
    private static partial Regex UuidSuffix();
}
