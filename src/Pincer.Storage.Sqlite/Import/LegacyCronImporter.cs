using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// <c>cron/jobs.json</c> (<c>{version:1, jobs:[…]}</c>) → <c>cron_jobs</c>, keyed by the store's absolute
/// path. Each job's runtime <c>state</c> moves to <c>state_json</c> (the job keeps an empty
/// <c>state</c>), <c>updatedAtMs</c> becomes the row's <c>updated_at</c>. Jobs whose id is already
/// in the store are kept as they are. A <c>jobs-state.json</c> sidecar (<c>{jobs:{id:{updatedAtMs, state}}}</c>)
/// supplies runtime state when present. The originals are renamed to <c>*.json.migrated</c>.
/// </summary>
internal static class LegacyCronImporter
{
    public const string ArchiveSuffix = ".migrated";
    private const string MigrationKind = "legacy-cron-json";

    public static async Task ImportAsync(SqliteStateDatabase state, string storePath, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var file = LegacyFile.Read(storePath);
        if (file.TryParse() is not JsonObject root || root["jobs"] is not JsonArray jobs)
        {
            report.Warnings.Add($"Legacy cron store is not a readable jobs file; left in place at {file.Path}");
            return;
        }

        var statePath = file.Path.EndsWith(".json", StringComparison.Ordinal) ? file.Path[..^5] + "-state.json" : file.Path + "-state.json";
        var stateFile = File.Exists(statePath) ? LegacyFile.Read(statePath) : null;
        var runtime = stateFile?.TryParse() as JsonObject;
        if (stateFile is not null && runtime?["jobs"] is not JsonObject)
        {
            report.Warnings.Add($"Legacy cron state is not readable; left in place at {stateFile.Path}");
            return;
        }

        // The key binds path and content of both files, so a changed store is a new source.
        var sourceKey = "cron-json:" + MigrationReceipts.Sha256Hex(System.Text.Encoding.UTF8.GetBytes($"{file.Path}\0{file.Sha256}\0{stateFile?.Sha256 ?? ""}"));
        var reportJson = new JsonObject { ["source"] = MigrationKind, ["target"] = "cron_jobs" };
        if (stateFile is not null)
        {
            reportJson["statePath"] = stateFile.Path;
            reportJson["stateSha256"] = stateFile.Sha256;
        }

        var runtimeEntries = runtime?["jobs"] as JsonObject;
        var now = state.NowMs;
        var imported = await state.WriteAsync((connection, transaction) =>
        {
            if (MigrationReceipts.IsCompleted(connection, transaction, sourceKey))
            {
                return -1;
            }

            var count = 0;
            var order = NextSortOrder(connection, transaction, file.Path);
            foreach (var node in jobs)
            {
                if (node is JsonObject job && JobId(job) is { } id && !Exists(connection, transaction, file.Path, id))
                {
                    Insert(connection, transaction, file.Path, id, WithRuntime(job, runtimeEntries?[id] as JsonObject, runtimeEntries is not null), order++, now);
                    count++;
                }
            }

            MigrationReceipts.Record(connection, transaction, new MigrationReceipts.Receipt(
                $"cron-legacy:{sourceKey}", sourceKey, MigrationKind, file.Path, "cron_jobs", file.Sha256,
                file.Bytes.LongLength + (stateFile?.Bytes.LongLength ?? 0), jobs.Count, now, now, JavaScriptJson.Stringify(reportJson)));
            return count;
        }, cancellationToken).ConfigureAwait(false);

        if (imported >= 0)
        {
            report.Add("cronJobs", imported);
        }

        LegacyFile.MoveAside(file.Path, file.Path + ArchiveSuffix);
        if (stateFile is not null)
        {
            LegacyFile.MoveAside(stateFile.Path, stateFile.Path + ArchiveSuffix);
        }

        await MigrationReceipts.MarkRemovedAsync(state, sourceKey, cancellationToken).ConfigureAwait(false);
        report.Changes.Add($"Cron store migrated to SQLite at {file.Path}.");
    }

    /// <summary>
    /// The job with its runtime fields settled as the reference does before import: a sidecar entry
    /// replaces <c>state</c> and <c>updatedAtMs</c>; without one, a missing <c>updatedAtMs</c> falls back to
    /// <c>createdAtMs</c> (inline state in the store is kept when there is no sidecar at all).
    /// </summary>
    private static JsonObject WithRuntime(JsonObject job, JsonObject? entry, bool hasSidecar)
    {
        var copy = (JsonObject)job.DeepClone();
        if (entry is not null)
        {
            if (Number(entry, "updatedAtMs") is { } updated)
            {
                copy["updatedAtMs"] = updated;
            }

            copy["state"] = entry["state"] is JsonObject runtimeState ? runtimeState.DeepClone() : new JsonObject();
        }
        else if (hasSidecar && copy["state"] is not JsonObject)
        {
            copy["state"] = new JsonObject();
        }

        if (Number(copy, "updatedAtMs") is null && Number(copy, "createdAtMs") is { } created)
        {
            copy["updatedAtMs"] = created;
        }

        return copy;
    }

    /// <summary>The job's id; older files stored it as <c>jobId</c> or as a number.</summary>
    private static string? JobId(JsonObject job)
    {
        var raw = (job["id"] ?? job["jobId"]) switch
        {
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return raw?.Trim() is { Length: > 0 } id ? id : null;
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string storeKey, string id, JsonObject job, long sortOrder, long now)
    {
        var canonical = new JsonObject();
        JsonNode? runtimeState = null;
        foreach (var (name, value) in job)
        {
            if (name == "updatedAtMs")
            {
                continue;
            }

            if (name == "state")
            {
                runtimeState = value?.DeepClone();
                canonical["state"] = new JsonObject();
                continue;
            }

            canonical[name] = value?.DeepClone();
        }

        canonical.TryAdd("state", new JsonObject());
        var enabled = job["enabled"] is not JsonValue flag || !flag.TryGetValue<bool>(out var on) || on;
        var updatedAt = Number(job, "updatedAtMs") ?? Number(job, "createdAtMs") ?? now;
        var identity = new JsonObject
        {
            ["version"] = 2,
            ["enabled"] = enabled,
            ["schedule"] = job["schedule"]?.DeepClone(),
            ["hasTrigger"] = job["trigger"] is not null,
        };

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO cron_jobs (store_key, job_id, name, description, enabled, agent_id, payload_kind, job_json, state_json,
              runtime_updated_at_ms, schedule_identity, sort_order, updated_at)
            VALUES ($store, $id, $name, $description, $enabled, $agent, $payload, $job, $state, $runtime, $identity, $order, $updated)
            """;
        command.Parameters.AddWithValue("$store", storeKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", Text(job, "name") ?? "");
        command.Parameters.AddWithValue("$description", (object?)Text(job, "description") ?? DBNull.Value);
        command.Parameters.AddWithValue("$enabled", enabled ? 1 : 0);
        command.Parameters.AddWithValue("$agent", (object?)Text(job, "agentId") ?? DBNull.Value);
        command.Parameters.AddWithValue("$payload", (job["payload"] as JsonObject) is { } payload ? Text(payload, "kind") ?? "" : "");
        command.Parameters.AddWithValue("$job", JavaScriptJson.Stringify(canonical));
        command.Parameters.AddWithValue("$state", runtimeState is JsonObject ? JavaScriptJson.Stringify(runtimeState) : "{}");
        command.Parameters.AddWithValue("$runtime", (object?)Number(job, "updatedAtMs") ?? DBNull.Value);
        command.Parameters.AddWithValue("$identity", JavaScriptJson.Stringify(identity));
        command.Parameters.AddWithValue("$order", sortOrder);
        command.Parameters.AddWithValue("$updated", updatedAt);
        command.ExecuteNonQuery();
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, string storeKey, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM cron_jobs WHERE store_key = $store AND job_id = $id";
        command.Parameters.AddWithValue("$store", storeKey);
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static long NextSortOrder(SqliteConnection connection, SqliteTransaction transaction, string storeKey)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(sort_order) + 1, 0) FROM cron_jobs WHERE store_key = $store";
        command.Parameters.AddWithValue("$store", storeKey);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? (long)number : null;
}
