using System.Text.Json.Nodes;

namespace Pincer.Sessions.Store;

/// <summary>
/// One logical session's metadata, the reference's <c>SessionEntry</c>. The JSON object is the
/// record: every field the reference (or a plugin, or a newer build) wrote survives a read-modify-
/// write, in its original order. The typed properties cover the fields Pincer acts on; anything else
/// is reached through <see cref="Json"/>. Times are Unix milliseconds, as the reference stores them.
/// </summary>
public sealed class SessionEntry
{
    public SessionEntry()
        : this([])
    {
    }

    public SessionEntry(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
    }

    /// <summary>The whole record, including fields Pincer does not model.</summary>
    public JsonObject Json { get; }

    /// <summary>Parses a stored <c>entry_json</c>; null when it is not a JSON object.</summary>
    public static SessionEntry? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonNode.Parse(json) is JsonObject obj ? new SessionEntry(obj) : null;
    }

    /// <summary>A deep copy, so a caller's edits never reach a cached or stored instance.</summary>
    public SessionEntry Clone() => new((JsonObject)Json.DeepClone());

    public string? SessionId { get => Str("sessionId"); set => Set("sessionId", value); }

    public long? UpdatedAt { get => Int("updatedAt"); set => Set("updatedAt", value); }

    public long? SessionStartedAt { get => Int("sessionStartedAt"); set => Set("sessionStartedAt", value); }

    public long? LastInteractionAt { get => Int("lastInteractionAt"); set => Set("lastInteractionAt", value); }

    public long? LastActivityAt { get => Int("lastActivityAt"); set => Set("lastActivityAt", value); }

    public long? CreatedAt { get => Int("createdAt"); set => Set("createdAt", value); }

    public long? ArchivedAt { get => Int("archivedAt"); set => Set("archivedAt", value); }

    public long? PinnedAt { get => Int("pinnedAt"); set => Set("pinnedAt", value); }

    public long? LastReadAt { get => Int("lastReadAt"); set => Set("lastReadAt", value); }

    public string? Label { get => Str("label"); set => Set("label", value); }

    public string? DisplayName { get => Str("displayName"); set => Set("displayName", value); }

    /// <summary>'direct', 'group' or 'channel' (older rows: 'room').</summary>
    public string? ChatType { get => Str("chatType"); set => Set("chatType", value); }

    public string? Category { get => Str("category"); set => Set("category", value); }

    public string? ThinkingLevel { get => Str("thinkingLevel"); set => Set("thinkingLevel", value); }

    public string? VerboseLevel { get => Str("verboseLevel"); set => Set("verboseLevel", value); }

    public string? ReasoningLevel { get => Str("reasoningLevel"); set => Set("reasoningLevel", value); }

    public string? ElevatedLevel { get => Str("elevatedLevel"); set => Set("elevatedLevel", value); }

    public string? SendPolicy { get => Str("sendPolicy"); set => Set("sendPolicy", value); }

    public string? ModelOverride { get => Str("modelOverride"); set => Set("modelOverride", value); }

    public string? ProviderOverride { get => Str("providerOverride"); set => Set("providerOverride", value); }

    /// <summary>'user', 'default' or 'auto'.</summary>
    public string? ModelOverrideSource { get => Str("modelOverrideSource"); set => Set("modelOverrideSource", value); }

    public string? AuthProfileOverride { get => Str("authProfileOverride"); set => Set("authProfileOverride", value); }

    public string? ModelProvider { get => Str("modelProvider"); set => Set("modelProvider", value); }

    public string? Model { get => Str("model"); set => Set("model", value); }

    public long? InputTokens { get => Int("inputTokens"); set => Set("inputTokens", value); }

    public long? OutputTokens { get => Int("outputTokens"); set => Set("outputTokens", value); }

    public long? TotalTokens { get => Int("totalTokens"); set => Set("totalTokens", value); }

    public long? ContextTokens { get => Int("contextTokens"); set => Set("contextTokens", value); }

    public long? CompactionCount { get => Int("compactionCount"); set => Set("compactionCount", value); }

    public string? ParentSessionKey { get => Str("parentSessionKey"); set => Set("parentSessionKey", value); }

    public string? SpawnedBy { get => Str("spawnedBy"); set => Set("spawnedBy", value); }

    /// <summary>'operator', 'spawn', 'channel', 'cron', 'talk', 'run', 'plugin' or 'internal'.</summary>
    public string? CreatedVia { get => Str("createdVia"); set => Set("createdVia", value); }

    /// <summary>Changes whenever the session is reset or replaced, even if the session id is kept.</summary>
    public string? LifecycleRevision { get => Str("lifecycleRevision"); set => Set("lifecycleRevision", value); }

    /// <summary>Where replies go: <c>{kind:"none"}</c> or <c>{kind:"external", context, route, origin}</c>.</summary>
    public JsonObject? Delivery { get => Obj("delivery"); set => JsonFields.SetNode(Json, "delivery", value); }

    /// <summary>Legacy route fields (before <see cref="Delivery"/>); kept for rows older builds wrote.</summary>
    public JsonObject? LastRoute { get => Obj("lastRoute"); set => JsonFields.SetNode(Json, "lastRoute", value); }

    public JsonObject? Origin { get => Obj("origin"); set => JsonFields.SetNode(Json, "origin", value); }

    private string? Str(string name) => JsonFields.GetString(Json, name);

    private long? Int(string name) => JsonFields.GetInt64(Json, name);

    private JsonObject? Obj(string name) => JsonFields.GetObject(Json, name);

    private void Set(string name, string? value) => JsonFields.Set(Json, name, value);

    private void Set(string name, long? value) => JsonFields.Set(Json, name, value);
}
