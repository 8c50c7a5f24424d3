using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// <c>sessions.preview</c>: for up to 64 keys, the last <c>limit</c> (12) displayable user/assistant
/// messages of each session, clipped to <c>maxChars</c> (240), with a status per key
/// (<c>ok</c>, <c>empty</c>, <c>missing</c>, <c>cold</c>, <c>error</c>).
/// </summary>
internal sealed class SessionPreviewReader(AgentStores stores, ConfigState config, TimeProvider time)
{
    private const int MaxKeys = 64;

    public async Task<JsonObject> PreviewAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var keys = (p["keys"] as JsonArray ?? [])
            .Select(k => k is JsonValue v && v.TryGetValue<string>(out var s) ? JsText.TrimToNull(s) : null)
            .OfType<string>()
            .Take(MaxKeys)
            .ToList();
        var limit = (int)(SessionListReader.Int(p, "limit") ?? 12);
        var maxChars = (int)Math.Min(int.MaxValue, SessionListReader.Int(p, "maxChars") ?? SessionDisplayMessage.DefaultMaxChars);
        var cfg = config.Current.Resolved;

        // Every key is resolved before any transcript is read: one bad key refuses the whole request.
        var targets = keys.Select(k => (Key: k, Target: SessionTarget.Resolve(cfg, k, null))).ToList();
        var previews = new JsonArray();
        foreach (var (key, target) in targets)
        {
            var (status, items) = await PreviewOneAsync(target, limit, maxChars, cancellationToken).ConfigureAwait(false);
            previews.Add((JsonNode)new JsonObject { ["key"] = key, ["status"] = status, ["items"] = items });
        }

        return new JsonObject { ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds(), ["previews"] = previews };
    }

    private async Task<(string Status, JsonArray Items)> PreviewOneAsync(SessionTarget target, int limit, int maxChars, CancellationToken cancellationToken)
    {
        var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
        var entry = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        if (store is null || entry?.SessionId is not { Length: > 0 } sessionId)
        {
            return ("missing", []);
        }

        IReadOnlyList<StoredTranscriptEntry> events;
        try
        {
            events = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscriptStorageException ex)
        {
            return (ex.Message.Contains("cold", StringComparison.OrdinalIgnoreCase) ? "cold" : "error", []);
        }

        var items = new List<JsonNode>();
        for (var i = events.Count - 1; i >= 0 && items.Count < limit; i--)
        {
            if (events[i].Entry.Type == TranscriptEntryTypes.Message && SessionDisplayMessage.Project(events[i].Entry.Message, maxChars) is { } projected)
            {
                items.Add(new JsonObject { ["role"] = projected.Role, ["text"] = projected.Text });
            }
        }

        items.Reverse();
        return (items.Count > 0 ? "ok" : "empty", new JsonArray([.. items]));
    }
}
