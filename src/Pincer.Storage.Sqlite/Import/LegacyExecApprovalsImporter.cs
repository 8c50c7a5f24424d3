using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// <c>exec-approvals.json</c> → the <c>exec_approvals_config</c> singleton (<c>config_key = 'current'</c>):
/// <c>raw_json</c> is the document pretty-printed as the reference's <c>JSON.stringify(file, null, 2)</c>
/// plus a newline, with the columns projected from it. An existing SQLite row wins (the file is then
/// left in place and reported); an empty stub is archived beside itself as
/// <c>exec-approvals.json.migrated.&lt;sha256&gt;.&lt;uuid&gt;</c>; an imported file is deleted after its
/// receipt commits (its bytes are not kept, as in the reference).
/// </summary>
internal static class LegacyExecApprovalsImporter
{
    private const string MigrationKind = "legacy-exec-approvals-json";
    private const string TargetTable = "exec_approvals_config";

    public static async Task ImportAsync(SqliteStateDatabase state, string path, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var file = LegacyFile.Read(path);
        var raw = file.TryParse() as JsonObject;
        var document = raw is null ? null : ExecApprovalsDocument.Normalize(raw);
        var sourceKey = MigrationReceipts.SourceKey("exec-approvals-json", file.Path);
        var emptyStub = raw is not null && document is not null && IsEmptyStub(raw);
        string? archivePath = emptyStub ? $"{file.Path}.migrated.{file.Sha256}.{Guid.NewGuid()}" : null;
        var now = state.NowMs;
        var (decision, removeSource) = await state.WriteAsync((connection, transaction) =>
        {
            var canonical = ReadRaw(connection, transaction);
            string decision;
            var remove = false;
            if (emptyStub && (canonical is not null || !HasSocketCredentials(document!)))
            {
                (decision, remove) = ("empty-legacy-retired", true);
            }
            else if (document is null)
            {
                decision = "malformed-legacy-preserved";
            }
            else if (canonical is null)
            {
                Write(connection, transaction, document, now);
                (decision, remove) = ("legacy-imported", true);
            }
            else if (ReceiptImported(connection, transaction, sourceKey, file.Sha256))
            {
                (decision, remove) = ("receipt-authoritative", true);
            }
            else
            {
                decision = "canonical-preserved";
                remove = canonical == file.Text;
            }

            var imported = decision == "legacy-imported" ? 1 : 0;
            var reportJson = new JsonObject
            {
                ["source"] = MigrationKind,
                ["target"] = TargetTable,
                ["decision"] = decision,
                ["sourceSha256"] = file.Sha256,
                ["sourceValid"] = document is not null,
            };
            if (archivePath is not null && decision == "empty-legacy-retired")
            {
                reportJson["archivePath"] = archivePath;
            }

            reportJson["importedRecordCount"] = imported;
            reportJson["preservedSqliteRecordCount"] = canonical is not null && imported == 0 && document is not null ? 1 : 0;
            reportJson["removesSource"] = remove;
            MigrationReceipts.Record(connection, transaction, new MigrationReceipts.Receipt(
                $"{sourceKey}:{file.Sha256[..16]}", sourceKey, MigrationKind, file.Path, TargetTable, file.Sha256, file.Bytes.LongLength,
                document is not null && decision != "empty-legacy-retired" ? 1 : 0, now, now, JavaScriptJson.Stringify(reportJson)));
            return (decision, remove);
        }, cancellationToken).ConfigureAwait(false);

        if (!removeSource)
        {
            report.Warnings.Add(document is null
                ? $"Invalid legacy exec approvals; left in place at {file.Path}"
                : $"Conflicting legacy exec approvals remain at {file.Path}");
            return;
        }

        if (decision == "empty-legacy-retired" && archivePath is not null)
        {
            File.Move(file.Path, archivePath);
            report.Notices.Add($"Archived empty legacy exec approvals at {archivePath}.");
        }
        else
        {
            File.Delete(file.Path);
        }

        await MigrationReceipts.MarkRemovedAsync(state, sourceKey, cancellationToken).ConfigureAwait(false);
        report.Add("execApprovals", decision == "legacy-imported" ? 1 : 0);
        report.Changes.Add(decision switch
        {
            "legacy-imported" => "Imported legacy exec approvals into shared SQLite state.",
            "receipt-authoritative" => "Completed cleanup for previously imported legacy exec approvals.",
            "empty-legacy-retired" => "Archived empty legacy exec approvals without changing SQLite policy.",
            _ => "Preserved byte-identical canonical SQLite exec approvals.",
        });
        report.Notices.Add("Removed retired exec approvals JSON after recording its migration decision.");
    }

    /// <summary>The normalised document as the reference stores it: two-space indent, trailing newline.</summary>
    internal static string Serialize(JsonObject document) => JavaScriptPrettyJson.Stringify(document) + "\n";

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, JsonObject document, long now)
    {
        var socket = document["socket"] as JsonObject;
        var defaults = document["defaults"] as JsonObject;
        var agents = document["agents"] as JsonObject;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO exec_approvals_config (config_key, raw_json, socket_path, has_socket_token, default_security, default_ask,
              default_ask_fallback, auto_allow_skills, agent_count, allowlist_count, updated_at_ms)
            VALUES ('current', $raw, $socket, $token, $security, $ask, $fallback, $skills, $agents, $allowlist, $now)
            ON CONFLICT (config_key) DO UPDATE SET raw_json = excluded.raw_json, socket_path = excluded.socket_path,
              has_socket_token = excluded.has_socket_token, default_security = excluded.default_security, default_ask = excluded.default_ask,
              default_ask_fallback = excluded.default_ask_fallback, auto_allow_skills = excluded.auto_allow_skills,
              agent_count = excluded.agent_count, allowlist_count = excluded.allowlist_count, updated_at_ms = excluded.updated_at_ms
            """;
        command.Parameters.AddWithValue("$raw", Serialize(document));
        command.Parameters.AddWithValue("$socket", (object?)Text(socket?["path"]) ?? DBNull.Value);
        command.Parameters.AddWithValue("$token", Text(socket?["token"]) is null ? 0 : 1);
        command.Parameters.AddWithValue("$security", (object?)Text(defaults?["security"]) ?? DBNull.Value);
        command.Parameters.AddWithValue("$ask", (object?)Text(defaults?["ask"]) ?? DBNull.Value);
        command.Parameters.AddWithValue("$fallback", (object?)Text(defaults?["askFallback"]) ?? DBNull.Value);
        command.Parameters.AddWithValue("$skills", defaults?["autoAllowSkills"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? (v.GetValue<bool>() ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$agents", agents?.Count ?? 0);
        command.Parameters.AddWithValue("$allowlist", agents?.Sum(a => (a.Value as JsonObject)?["allowlist"] is JsonArray list ? list.Count : 0) ?? 0);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    private static string? ReadRaw(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT raw_json FROM exec_approvals_config WHERE config_key = 'current'";
        return command.ExecuteScalar() as string;
    }

    private static bool ReceiptImported(SqliteConnection connection, SqliteTransaction transaction, string sourceKey, string sha256)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT report_json FROM migration_sources WHERE source_key = $key AND source_sha256 = $sha";
        command.Parameters.AddWithValue("$key", sourceKey);
        command.Parameters.AddWithValue("$sha", sha256);
        return command.ExecuteScalar() is string json
            && JsonNode.Parse(json)?["decision"]?.GetValue<string>() is "legacy-imported" or "invalid-canonical-repaired" or "receipt-authoritative";
    }

    private static bool HasSocketCredentials(JsonObject document) =>
        document["socket"] is JsonObject socket && (Text(socket["path"]) is not null || Text(socket["token"]) is not null);

    /// <summary>A policy-free stub as written: no defaults, no agents, nothing but version and socket fields.</summary>
    private static bool IsEmptyStub(JsonObject document) =>
        document.All(p => p.Key is "version" or "socket" or "defaults" or "agents")
        && (document["socket"] is not JsonObject socket || socket.All(p => p.Key is "path" or "token"))
        && document["defaults"] is null or JsonObject { Count: 0 }
        && document["agents"] is null or JsonObject { Count: 0 };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;
}
