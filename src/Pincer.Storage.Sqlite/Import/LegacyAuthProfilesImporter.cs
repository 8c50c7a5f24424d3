using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// <c>agents/main/agent/auth-profiles.json</c> (+ an optional <c>auth-state.json</c> beside it) → the shared
/// credential store in the state DB's <c>config_machine_state</c>: <c>authProfiles.store</c> =
/// <c>{version:1, profiles}</c>, <c>authProfiles.state</c> = <c>{version:1, order?, lastGood?, usageStats?}</c>,
/// and <c>auth.sharedStore</c> = <c>{"location":"state-db"}</c>. Profiles already in SQLite win; a
/// profile whose stored credential differs is a conflict that leaves the file in place. The original
/// is renamed to <c>auth-profiles.json.migrated-&lt;ISO time&gt;-&lt;uuid&gt;</c> and the receipt records
/// per-profile SHA-256 digests (of the compact JSON) so a later run can verify what was imported.
/// </summary>
internal static class LegacyAuthProfilesImporter
{
    private const string MigrationKind = "auth-profile-json-to-sqlite-v2";
    private static readonly string[] StateFields = ["order", "lastGood", "usageStats"];

    public static async Task ImportAsync(SqliteStateDatabase state, string path, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var file = LegacyFile.Read(path);
        if (file.TryParse() is not JsonObject root || root["profiles"] is not JsonObject profiles)
        {
            report.Warnings.Add($"Legacy auth profile JSON is unreadable; left in place at {file.Path}");
            return;
        }

        var statePath = Path.Combine(Path.GetDirectoryName(file.Path)!, "auth-state.json");
        var legacyState = File.Exists(statePath) ? LegacyFile.Read(statePath).TryParse() as JsonObject : null;
        var authState = new JsonObject { ["version"] = 1 };
        foreach (var field in StateFields)
        {
            if ((legacyState?[field] ?? root[field]) is JsonObject value)
            {
                authState[field] = value.DeepClone();
            }
        }

        var started = state.Time.GetUtcNow();
        var runToken = Guid.NewGuid().ToString();
        var archivePath = $"{file.Path}.migrated-{started.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss.fff'Z'", CultureInfo.InvariantCulture)}-{Guid.NewGuid()}";
        var sourceKey = "auth-profile-v2:" + MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes($"{file.Path}\0{file.Sha256}"));
        var conflicts = await state.WriteAsync((connection, transaction) =>
        {
            // The same bytes already imported (a crash before archiving, or a restored copy): only archive again.
            if (MigrationReceipts.HasCompletedSource(connection, transaction, sourceKey, file.Sha256))
            {
                return [];
            }

            var store = ReadState(connection, transaction, "authProfiles.store") ?? new JsonObject { ["version"] = 1, ["profiles"] = new JsonObject() };
            if (store["profiles"] is not JsonObject stored)
            {
                stored = [];
                store["profiles"] = stored;
            }

            var conflicting = profiles.Where(p => stored[p.Key] is { } existing && !JsonNode.DeepEquals(existing, p.Value)).Select(p => p.Key).ToList();
            if (conflicting.Count > 0)
            {
                return conflicting;
            }

            foreach (var (id, profile) in profiles)
            {
                stored.TryAdd(id, profile?.DeepClone());
            }

            var now = state.NowMs;
            WriteState(connection, transaction, "auth.sharedStore", new JsonObject { ["location"] = "state-db" }, now);
            WriteState(connection, transaction, "authProfiles.store", store, now);
            var currentState = ReadState(connection, transaction, "authProfiles.state");
            WriteState(connection, transaction, "authProfiles.state", currentState is null ? authState : MergeState(currentState, authState), now);

            var digests = new JsonObject();
            foreach (var (id, profile) in profiles)
            {
                digests[id] = MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(JavaScriptJson.Stringify(profile)));
            }

            var reportJson = JavaScriptJson.Stringify(new JsonObject
            {
                ["format"] = MigrationKind,
                ["archivePath"] = archivePath,
                ["targetDatabasePath"] = state.Path,
                ["targetTable"] = "auth_profile_stores",
                ["targetStoreKey"] = "shared",
                ["expectedProfileSha256"] = digests,
                ["expectedStateSha256"] = MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(JavaScriptJson.Stringify(authState))),
                ["completionStatus"] = "completed",
            });
            var records = profiles.Count + StateFields.Sum(f => (authState[f] as JsonObject)?.Count ?? 0);
            MigrationReceipts.Record(connection, transaction, new MigrationReceipts.Receipt(
                $"{sourceKey}:{runToken}", sourceKey, MigrationKind, file.Path, "auth_profile_stores", file.Sha256, file.Bytes.LongLength,
                records, started.ToUnixTimeMilliseconds(), now, reportJson));
            return [];
        }, cancellationToken).ConfigureAwait(false);

        if (conflicts.Count > 0)
        {
            report.Warnings.Add($"Legacy auth profiles conflict with the SQLite store ({string.Join(", ", conflicts)}); left in place at {file.Path}");
            return;
        }

        LegacyFile.MoveAside(file.Path, archivePath);
        if (legacyState is not null)
        {
            LegacyFile.MoveAside(statePath, $"{statePath}.migrated-{runToken}");
        }

        await MigrationReceipts.MarkRemovedAsync(state, sourceKey, cancellationToken).ConfigureAwait(false);
        report.Add("authProfiles", profiles.Count);
        report.Changes.Add($"Migrated auth profile JSON for {file.Path} into SQLite (archive: {archivePath}).");
    }

    /// <summary>Existing SQLite state wins per provider/profile; the legacy file only fills gaps.</summary>
    private static JsonObject MergeState(JsonObject current, JsonObject legacy)
    {
        var merged = (JsonObject)current.DeepClone();
        foreach (var field in StateFields)
        {
            if (legacy[field] is not JsonObject source)
            {
                continue;
            }

            if (merged[field] is not JsonObject target)
            {
                merged[field] = source.DeepClone();
                continue;
            }

            foreach (var (key, value) in source)
            {
                target.TryAdd(key, value?.DeepClone());
            }
        }

        return merged;
    }

    private static JsonObject? ReadState(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is string json ? JsonNode.Parse(json) as JsonObject : null;
    }

    private static void WriteState(SqliteConnection connection, SqliteTransaction transaction, string key, JsonObject value, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES ($key, $value, $now)
            ON CONFLICT (state_key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", JavaScriptJson.Stringify(value));
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }
}
