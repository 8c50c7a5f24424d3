using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Sessions.Store;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// How the reference lays a <see cref="SessionEntry"/> into <c>session_nodes</c> (the canonical
/// <c>entry_json</c> plus query columns projected from it) and into its <c>session_windows</c> row.
/// Times are Unix milliseconds in INTEGER columns; texts are trimmed and blank ones stored as NULL.
/// </summary>
internal static class SessionNodeRow
{
    private static readonly string[] LegacyDeliveryFields = ["route", "deliveryContext", "origin", "channel", "lastChannel", "lastTo", "lastAccountId", "lastThreadId"];

    /// <summary>
    /// The reference's write-time normalisation: a missing <c>updatedAt</c> becomes
    /// <c>sessionStartedAt</c> (else now), and an entry with no delivery facts at all gets
    /// <c>delivery: {kind:"none"}</c>.
    /// </summary>
    public static void Normalize(JsonObject entry, long nowMs)
    {
        if (!entry.ContainsKey("delivery") && !LegacyDeliveryFields.Any(entry.ContainsKey))
        {
            entry["delivery"] = new JsonObject { ["kind"] = "none" };
        }

        if (Number(entry, "updatedAt") is null)
        {
            entry["updatedAt"] = Number(entry, "sessionStartedAt") ?? nowMs;
        }
    }

    /// <summary>Upserts the node row; <c>entry_valid</c> ends at 1 as after the reference's writer (its triggers reset it to 0 first).</summary>
    public static void WriteNode(SqliteConnection connection, SqliteTransaction transaction, string sessionKey, JsonObject entry)
    {
        var created = entry["createdActor"] as JsonObject;
        var command = Schema.WriterCommands.For(connection, transaction, """
            INSERT INTO session_nodes (session_key, current_session_id, entry_json, entry_valid, updated_at, status, created_at,
              created_via, created_actor_type, created_actor_id, project_id, parent_session_key, spawned_by,
              fork_source_session_key, fork_source_session_id, fork_source_entry_id, label, display_name, category, icon,
              pinned_at, archived_at, last_read_at, last_interaction_at, last_activity_at)
            VALUES ($key, $sid, $json, 1, $updated, $status, $created_at, $via, $actor_type, $actor_id, $project, $parent, $spawned_by,
              $fork_key, $fork_sid, $fork_entry, $label, $display, $category, $icon, $pinned, $archived, $read, $interaction, $activity)
            ON CONFLICT (session_key) DO UPDATE SET
              current_session_id = excluded.current_session_id, entry_json = excluded.entry_json, entry_valid = excluded.entry_valid,
              updated_at = excluded.updated_at, status = excluded.status, created_at = excluded.created_at,
              created_via = excluded.created_via, created_actor_type = excluded.created_actor_type,
              created_actor_id = excluded.created_actor_id, project_id = excluded.project_id,
              parent_session_key = excluded.parent_session_key, spawned_by = excluded.spawned_by,
              fork_source_session_key = excluded.fork_source_session_key, fork_source_session_id = excluded.fork_source_session_id,
              fork_source_entry_id = excluded.fork_source_entry_id, label = excluded.label, display_name = excluded.display_name,
              category = excluded.category, icon = excluded.icon, pinned_at = excluded.pinned_at, archived_at = excluded.archived_at,
              last_read_at = excluded.last_read_at, last_interaction_at = excluded.last_interaction_at,
              last_activity_at = excluded.last_activity_at;
            UPDATE session_nodes SET entry_valid = 1 WHERE session_key = $key;
            """);
        var fork = entry["forkSource"] as JsonObject;
        var p = command.Parameters;
        p.AddWithValue("$key", sessionKey);
        p.AddWithValue("$sid", Text(entry, "sessionId")!);
        p.AddWithValue("$json", JavaScriptJson.Stringify(entry));
        p.AddWithValue("$updated", Number(entry, "updatedAt")!);
        p.AddWithValue("$status", Db(Status(entry)));
        p.AddWithValue("$created_at", Db(Number(entry, "createdAt")));
        p.AddWithValue("$via", Db(Text(entry, "createdVia") is "operator" or "spawn" or "channel" or "cron" or "talk" or "run" or "plugin" or "internal" ? Text(entry, "createdVia") : null));
        p.AddWithValue("$actor_type", Db(created is null ? null : Raw(created, "type") is "human" or "agent" or "system" ? Raw(created, "type") : null));
        p.AddWithValue("$actor_id", Db(created is null ? null : Text(created, "id")));
        p.AddWithValue("$project", Db(Text(entry, "projectId")));
        p.AddWithValue("$parent", Db(Text(entry, "parentSessionKey") ?? Text(entry, "spawnedBy")));
        p.AddWithValue("$spawned_by", Db(Text(entry, "spawnedBy")));
        p.AddWithValue("$fork_key", Db(fork is null ? null : Text(fork, "sessionKey")));
        p.AddWithValue("$fork_sid", Db(fork is null ? null : Text(fork, "sessionId")));
        p.AddWithValue("$fork_entry", Db(fork is null ? null : Text(fork, "entryId")));
        p.AddWithValue("$label", Db(Text(entry, "label")));
        p.AddWithValue("$display", Db(Text(entry, "displayName")));
        p.AddWithValue("$category", Db(Text(entry, "category")));
        p.AddWithValue("$icon", Db(Text(entry, "icon")));
        p.AddWithValue("$pinned", Db(Number(entry, "pinnedAt")));
        p.AddWithValue("$archived", Db(Number(entry, "archivedAt")));
        p.AddWithValue("$read", Db(Number(entry, "lastReadAt")));
        p.AddWithValue("$interaction", Db(Number(entry, "lastInteractionAt")));
        p.AddWithValue("$activity", Db(Number(entry, "lastActivityAt")));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Upserts the entry's window (<c>session_windows</c>). <paramref name="claim"/> moves an existing
    /// window to this key (a new session id for the key); otherwise the window keeps its owner.
    /// Windows first created by a transcript append keep their provenance marker, as the reference does.
    /// </summary>
    public static void WriteWindow(SqliteConnection connection, SqliteTransaction transaction, string sessionKey, JsonObject entry, bool claim)
    {
        var sessionId = Text(entry, "sessionId")!;
        var updatedAt = Number(entry, "updatedAt")!.Value;
        var (existingProvenance, transcriptUpdatedAt, hasTranscript) = ReadWindowFacts(connection, transaction, sessionId);
        var keepLegacyProvenance = existingProvenance == 0 && (!claim || hasTranscript);
        var chatType = Raw(entry, "chatType") is "direct" or "group" or "channel" ? Raw(entry, "chatType") : null;
        var external = entry["delivery"] is JsonObject delivery && Raw(delivery, "kind") == "external" ? delivery : null;
        var context = external?["context"] as JsonObject;
        var hook = Raw(entry, "hookExternalContentSource") is "email" ? "webhook" : Raw(entry, "hookExternalContentSource");

        var command = Schema.WriterCommands.For(connection, transaction, $"""
            INSERT INTO session_windows (session_id, session_key, previous_session_id, reason, session_scope, created_at, updated_at,
              transcript_observed_at, session_entry_provenance, acp_owned, plugin_owner_id, hook_external_content_source,
              started_at, ended_at, status, chat_type, channel, account_id, primary_conversation_id, model_provider, model,
              agent_harness_id, parent_session_key, spawned_by, display_name)
            VALUES ($sid, $key, $previous, NULL, $scope, $created, $updated, $observed, $provenance, $acp, $plugin, $hook,
              $started, $ended, $status, $chat_type, $channel, $account, NULL, $provider, $model, $harness, $parent, $spawned_by, $display)
            ON CONFLICT (session_id) DO UPDATE SET
              {(claim ? "session_key = excluded.session_key," : "")}
              previous_session_id = excluded.previous_session_id, reason = excluded.reason, session_scope = excluded.session_scope,
              transcript_observed_at = excluded.transcript_observed_at,
              session_entry_provenance = {(keepLegacyProvenance ? "session_entry_provenance" : "excluded.session_entry_provenance")},
              acp_owned = {(keepLegacyProvenance ? "acp_owned" : "excluded.acp_owned")},
              plugin_owner_id = {(keepLegacyProvenance ? "plugin_owner_id" : "excluded.plugin_owner_id")},
              hook_external_content_source = {(keepLegacyProvenance ? "hook_external_content_source" : "excluded.hook_external_content_source")},
              updated_at = excluded.updated_at, started_at = excluded.started_at, ended_at = excluded.ended_at,
              status = excluded.status, chat_type = excluded.chat_type, channel = excluded.channel, account_id = excluded.account_id,
              primary_conversation_id = excluded.primary_conversation_id, model_provider = excluded.model_provider,
              model = excluded.model, agent_harness_id = excluded.agent_harness_id, parent_session_key = excluded.parent_session_key,
              spawned_by = excluded.spawned_by, display_name = excluded.display_name;
            """);
        var p = command.Parameters;
        p.AddWithValue("$sid", sessionId);
        p.AddWithValue("$key", sessionKey);
        p.AddWithValue("$previous", Db(Text(entry, "previousSessionId")));
        p.AddWithValue("$scope", Scope(chatType, sessionKey));
        p.AddWithValue("$created", CreatedAt(entry, updatedAt));
        p.AddWithValue("$updated", updatedAt);
        p.AddWithValue("$observed", transcriptUpdatedAt ?? updatedAt);
        p.AddWithValue("$provenance", 1);
        p.AddWithValue("$acp", IsTruthy(entry["acp"]) ? 1 : 0);
        p.AddWithValue("$plugin", Db(Text(entry, "pluginOwnerId")));
        p.AddWithValue("$hook", Db(hook is "gmail" or "webhook" ? hook : null));
        p.AddWithValue("$started", Db(Number(entry, "startedAt")));
        p.AddWithValue("$ended", Db(Number(entry, "endedAt")));
        p.AddWithValue("$status", Db(Status(entry)));
        p.AddWithValue("$chat_type", Db(chatType));
        p.AddWithValue("$channel", Db(context is null ? null : Text(context, "channel") ?? (external?["origin"] is JsonObject origin ? Text(origin, "provider") : null)));
        p.AddWithValue("$account", Db(context is null ? null : Text(context, "accountId")));
        p.AddWithValue("$provider", Db(Text(entry, "modelProvider")));
        p.AddWithValue("$model", Db(Text(entry, "model")));
        p.AddWithValue("$harness", Db(Text(entry, "agentHarnessId")));
        p.AddWithValue("$parent", Db(Text(entry, "parentSessionKey")));
        p.AddWithValue("$spawned_by", Db(Text(entry, "spawnedBy")));
        p.AddWithValue("$display", Db(Text(entry, "displayName") ?? Text(entry, "label") ?? Text(entry, "subject") ?? Text(entry, "groupId")));
        command.ExecuteNonQuery();
    }

    private static (long? Provenance, long? TranscriptUpdatedAt, bool HasTranscript) ReadWindowFacts(SqliteConnection connection, SqliteTransaction transaction, string sessionId)
    {
        var command = Schema.WriterCommands.For(connection, transaction, """
            SELECT w.session_entry_provenance, w.transcript_updated_at,
                   EXISTS (SELECT 1 FROM transcript_events WHERE session_id = $sid)
            FROM session_windows AS w WHERE w.session_id = $sid
            """);
        command.Parameters.AddWithValue("$sid", sessionId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2) != 0)
            : (null, null, false);
    }

    private static string Scope(string? chatType, string sessionKey)
    {
        var key = sessionKey.Trim().ToLowerInvariant();
        if (chatType == "direct" && (key == "main" || key.EndsWith(":main", StringComparison.Ordinal)))
        {
            return "shared-main";
        }

        return chatType is "group" or "channel" ? chatType : "conversation";
    }

    private static long CreatedAt(JsonObject entry, long updatedAt)
    {
        foreach (var name in new[] { "sessionStartedAt", "startedAt", "updatedAt" })
        {
            if (Number(entry, name) is { } value && value >= 0)
            {
                return value;
            }
        }

        return updatedAt;
    }

    private static string? Status(JsonObject entry) =>
        Raw(entry, "status") is "running" or "done" or "failed" or "killed" or "timeout" ? Raw(entry, "status") : null;

    private static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<double>() != 0,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Null => false,
        _ => true,
    };

    /// <summary>A string field as written.</summary>
    internal static string? Raw(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    /// <summary>A string field trimmed; blank reads as absent.</summary>
    internal static string? Text(JsonObject json, string name) => Raw(json, name)?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>A finite number field, as the integer SQLite stores in a STRICT INTEGER column.</summary>
    internal static long? Number(JsonObject json, string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return integer;
        }

        return value.TryGetValue<double>(out var real) && double.IsFinite(real) ? (long)real : null;
    }

    internal static object Db(object? value) => value ?? DBNull.Value;
}
