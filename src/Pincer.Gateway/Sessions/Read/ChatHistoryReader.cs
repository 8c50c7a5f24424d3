using System.Text;
using System.Text.Json.Nodes;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// <c>chat.history</c> and <c>chat.message.get</c>: pages of a session's visible transcript (messages,
/// displayed custom messages, compaction/reset markers), newest page first, counted by <c>offset</c>
/// from the newest; or the page around one <c>messageId</c>. Each answer carries the list-style
/// <c>sessionInfo</c> row and the model <c>defaults</c>. Delta cursors are minted but a <c>cursor</c>
/// request answers <c>{kind:"reset"}</c> (the client reloads); pending inputs are always empty until
/// the agent loop queues any.
/// </summary>
internal sealed class ChatHistoryReader(AgentStores stores, ConfigState config, TimeProvider time)
{
    private const int MaxEntries = 1000;
    private const int DefaultLimit = 200;

    public async Task<JsonObject> HistoryAsync(JsonObject p, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var sessionKey = (string)p["sessionKey"]!;
        var offset = SessionListReader.Int(p, "offset");
        var messageId = SessionListReader.Str(p, "messageId");
        var cursor = SessionListReader.Str(p, "cursor");
        var wireSessionId = SessionListReader.Str(p, "sessionId");
        if (offset is not null && messageId is not null)
        {
            throw Invalid("offset and messageId cannot be used together");
        }

        if (cursor is not null && (offset is not null || messageId is not null))
        {
            throw Invalid("cursor cannot be used with offset or messageId");
        }

        if (wireSessionId is not null && messageId is null)
        {
            throw Invalid("sessionId requires messageId");
        }

        var cfg = config.Current.Resolved;
        var target = SessionTarget.Resolve(cfg, sessionKey, Pincer.Abstractions.Text.JsText.TrimToNull(SessionListReader.Str(p, "agentId")));
        var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
        var entry = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        if (wireSessionId is not null && wireSessionId != entry?.SessionId)
        {
            throw Invalid("sessionId does not belong to sessionKey");
        }

        if (cursor is not null)
        {
            return new JsonObject { ["kind"] = "reset" };
        }

        var max = (int)Math.Min(MaxEntries, SessionListReader.Int(p, "limit") ?? DefaultLimit);
        var maxChars = (int)(SessionListReader.Int(p, "maxChars") ?? ChatHistoryMessage.DefaultMaxChars);
        var sessionId = entry?.SessionId;
        var page = store is not null && sessionId is { Length: > 0 }
            ? await ReadPageAsync(store, sessionId, max, maxChars, offset, messageId, cancellationToken).ConfigureAwait(false)
            : HistoryPage.Empty(offset);

        var result = new JsonObject { ["sessionKey"] = sessionKey };
        if (sessionId is not null)
        {
            result["sessionId"] = sessionId;
        }

        result["messages"] = new JsonArray([.. page.Messages]);
        result["pendingInputs"] = new JsonObject { ["items"] = new JsonArray(), ["total"] = 0 };
        if (page.DeltaCursor is not null)
        {
            result["deltaCursor"] = page.DeltaCursor;
        }

        if (page.ResponseOffset is { } responseOffset)
        {
            result["offset"] = responseOffset;
        }

        if (page.TotalMessages is { } total)
        {
            var nextOffset = page.Offset + page.Messages.Count;
            var hasMore = nextOffset < total;
            if (hasMore)
            {
                result["nextOffset"] = nextOffset;
            }

            result["hasMore"] = hasMore;
            result["totalMessages"] = total;
        }

        var models = SessionModelDefaults.FromConfig(cfg);
        var defaults = models.ListDefaults();
        StripThinking(defaults);
        result["defaults"] = defaults;
        var info = SessionRowProjector.Project(target.StoreKey, target.AgentId, entry ?? new SessionEntry(), new SessionRowOptions
        {
            Config = cfg,
            NowMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Models = models,
            IncludeActivitySummary = entry is not null,
            IncludeRunState = false,
            SharingRole = entry is null ? null : SessionSharing.RoleFor(scopes, cfg),
            Participants = store is null || entry is null ? null : await SessionDescribeReader.ParticipantsAsync(store, target.StoreKey, cancellationToken).ConfigureAwait(false),
            ChildSessions = store is null || entry is null ? null : await SessionDescribeReader.ChildrenAsync(store, target.StoreKey, time, cancellationToken).ConfigureAwait(false),
        });
        if (entry is null)
        {
            info.Remove("visibility");
        }

        StripThinking(info);
        info["hasActiveRun"] = false;
        info["activeRunIds"] = new JsonArray();
        if (page.HasLeaf)
        {
            info["activeLeafEntryId"] = page.ActiveLeafEntryId;
        }

        var verbose = entry?.VerboseLevel ?? (cfg?["agents"]?["defaults"]?["verboseDefault"] as JsonValue)?.ToString();
        if (verbose is not null)
        {
            info["verboseLevel"] = verbose;
        }

        result["sessionInfo"] = info;
        if (info["thinkingLevel"]?.DeepClone() is { } thinking)
        {
            result["thinkingLevel"] = thinking;
        }

        if (entry?.Json["fastMode"]?.DeepClone() is { } fast)
        {
            result["fastMode"] = fast;
        }

        if (entry?.Json["toolOverrides"]?.DeepClone() is { } tools)
        {
            result["toolOverrides"] = tools;
        }

        if (verbose is not null)
        {
            result["verboseLevel"] = verbose;
        }

        return result;
    }

    public async Task<JsonObject> MessageAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var cfg = config.Current.Resolved;
        var messageId = (string)p["messageId"]!;
        var target = SessionTarget.Resolve(cfg, (string)p["sessionKey"]!, Pincer.Abstractions.Text.JsText.TrimToNull(SessionListReader.Str(p, "agentId")));
        var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
        var entry = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        if (store is null || entry?.SessionId is not { Length: > 0 } sessionId || messageId.StartsWith("pending:", StringComparison.Ordinal))
        {
            return NotFound();
        }

        var stored = await store.Transcripts.FindAsync(sessionId, messageId, cancellationToken).ConfigureAwait(false);
        if (stored is null || !ChatHistoryMessage.IsVisible(stored.Entry))
        {
            return NotFound();
        }

        // The message's place among the visible entries up to it (its history seq).
        var all = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var messageSeq = all.Count(e => e.Seq <= stored.Seq && ChatHistoryMessage.IsVisible(e.Entry));

        var source = await SourceAsync(store, sessionId, cancellationToken).ConfigureAwait(false);
        var maxChars = (int)(SessionListReader.Int(p, "maxChars") ?? 1_000_000);
        return ChatHistoryMessage.Project(stored, messageSeq, source.Source, maxChars) is { } message
            ? new JsonObject { ["ok"] = true, ["message"] = message }
            : new JsonObject { ["ok"] = false, ["unavailableReason"] = "not_visible" };
    }

    private static async Task<HistoryPage> ReadPageAsync(AgentStore store, string sessionId, int max, int maxChars, long? offset, string? messageId, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredTranscriptEntry> events;
        try
        {
            events = await store.Transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscriptStorageException ex)
        {
            throw new RpcException(RpcError.Unavailable(ex.Message));
        }

        var (source, watermark) = await SourceAsync(store, sessionId, cancellationToken).ConfigureAwait(false);
        var visible = events.Where(e => ChatHistoryMessage.IsVisible(e.Entry)).Select((e, i) => (Entry: e, Seq: (long)i + 1)).ToList();
        var total = visible.Count;
        if (messageId is not null)
        {
            var anchor = visible.FindIndex(e => e.Entry.Entry.Id == messageId);
            if (anchor < 0)
            {
                return new HistoryPage([], null, null, 0, null, false, null);
            }

            // The page around the anchor: as many older as newer neighbours, then filled from either side.
            var start = Math.Max(0, Math.Min(anchor - ((max - 1) / 2), total - max));
            return new HistoryPage(Project(visible.Skip(start).Take(max), source, maxChars), null, null, 0, null, false, null);
        }

        var from = (int)Math.Min(total, offset ?? 0);
        var end = total - from;
        var startIndex = Math.Max(0, end - max);
        var messages = Project(visible.Skip(startIndex).Take(end - startIndex), source, maxChars);
        var isTail = from == 0;
        var lastSeq = events.Count > 0 ? events[^1].Seq : -1;
        string? deltaCursor = null;
        if (isTail && total > 0 && watermark.Generation is { } generation)
        {
            var cursor = new JsonObject
            {
                ["agentId"] = store.AgentId,
                ["generation"] = generation,
                ["lastSeq"] = lastSeq,
                ["sessionId"] = sessionId,
                ["version"] = 1,
            };
            deltaCursor = ChatHistoryMessage.Base64Url(Encoding.UTF8.GetBytes(cursor.ToJsonString()));
        }

        var leaf = watermark.LeafEventId ?? events.LastOrDefault(e => TranscriptEntryTypes.IsCanonical(e.Entry.Type))?.Entry.Id;
        return new HistoryPage(messages, deltaCursor, offset is null ? null : from, from, total, isTail, leaf);
    }

    private static List<JsonNode> Project(IEnumerable<(StoredTranscriptEntry Entry, long Seq)> entries, string? source, int maxChars) =>
        [.. entries.Select(e => ChatHistoryMessage.Project(e.Entry, e.Seq, source, maxChars)).OfType<JsonNode>()];

    private static async Task<(string? Source, TranscriptWatermark Watermark)> SourceAsync(AgentStore store, string sessionId, CancellationToken cancellationToken)
    {
        var watermark = await TranscriptWatermark.ReadAsync(store.Database, sessionId, cancellationToken).ConfigureAwait(false);
        return (watermark.Generation is { } generation ? ChatHistoryMessage.DisplaySource(store.Database.Path, store.AgentId, sessionId, generation) : null, watermark);
    }

    /// <summary>History answers carry no thinking menu unless the model catalog says the model reasons.</summary>
    private static void StripThinking(JsonObject row)
    {
        row.Remove("thinkingLevels");
        row.Remove("thinkingOptions");
        row.Remove("thinkingDefault");
    }

    private static JsonObject NotFound() => new() { ["ok"] = false, ["unavailableReason"] = "not_found" };

    private static RpcException Invalid(string message) => new(RpcError.InvalidRequest(message));

    private sealed record HistoryPage(List<JsonNode> Messages, string? DeltaCursor, long? ResponseOffset, long Offset, int? TotalMessages, bool HasLeaf, string? ActiveLeafEntryId)
    {
        public static HistoryPage Empty(long? offset) => new([], null, offset, offset ?? 0, 0, (offset ?? 0) == 0, null);
    }
}
