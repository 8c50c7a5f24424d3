using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Protocol.Errors;
using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary><c>sessions.describe</c>: one session's row (with its activity summary state), or <c>{session: null}</c>.</summary>
internal sealed class SessionDescribeReader(AgentStores stores, ConfigState config, TimeProvider time)
{
    public async Task<JsonObject> DescribeAsync(JsonObject p, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var key = RequireKey(SessionListReader.Str(p, "key"));
        var cfg = config.Current.Resolved;
        var target = SessionTarget.Resolve(cfg, key, SessionListReader.Str(p, "agentId"));
        var store = await stores.GetExistingAsync(target.AgentId).ConfigureAwait(false);
        var entry = store is null ? null : await store.Sessions.GetAsync(target.StoreKey, cancellationToken).ConfigureAwait(false);
        if (store is null || entry is null)
        {
            return new JsonObject { ["session"] = null };
        }

        var (title, last) = await SessionListReader.TitleFieldsAsync(store, new SessionRecord(target.StoreKey, entry),
            SessionListReader.Bool(p, "includeDerivedTitles") == true, SessionListReader.Bool(p, "includeLastMessage") == true, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["session"] = SessionRowProjector.Project(target.StoreKey, store.AgentId, entry, new SessionRowOptions
            {
                Config = cfg,
                NowMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                DerivedTitle = title,
                LastMessagePreview = last,
                IncludeActivitySummary = true,
                IncludeRunState = false,
                SharingRole = SessionSharing.RoleFor(scopes, cfg),
                Participants = await ParticipantsAsync(store, target.StoreKey, cancellationToken).ConfigureAwait(false),
                ChildSessions = await ChildrenAsync(store, target.StoreKey, time, cancellationToken).ConfigureAwait(false),
            }),
        };
    }

    /// <summary>The identities that prompted one session.</summary>
    public static async Task<IReadOnlyList<JsonObject>?> ParticipantsAsync(AgentStore store, string key, CancellationToken cancellationToken) =>
        (await SessionParticipantRows.ReadAsync(store.Database, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key);

    /// <summary>The row's child links, read from its whole store.</summary>
    public static async Task<IReadOnlyList<string>?> ChildrenAsync(AgentStore store, string key, TimeProvider time, CancellationToken cancellationToken) =>
        SessionChildLinks.For(key, await store.Sessions.ListAsync(null, cancellationToken).ConfigureAwait(false), time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>A key that is blank once trimmed is refused the way the reference does.</summary>
    public static string RequireKey(string? raw) =>
        JsText.TrimToNull(raw) ?? throw new RpcException(RpcError.InvalidRequest("key required"));
}
