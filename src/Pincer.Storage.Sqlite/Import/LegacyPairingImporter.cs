using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// <c>credentials/&lt;channel&gt;-pairing.json</c> (<c>{requests:[…]}</c>) → <c>channel_pairing_requests</c>
/// and <c>credentials/&lt;channel&gt;[-default]-allowFrom.json</c> (an array or <c>{allowFrom:[…]}</c>) →
/// <c>channel_pairing_allow_entries</c>, merged after what SQLite already holds. Like the reference,
/// no receipt is kept: the merge is idempotent and the original is deleted once committed. An
/// allowFrom file naming a non-default account is left in place (the account cannot be proven
/// without the channel's configured accounts).
/// </summary>
internal static partial class LegacyPairingImporter
{
    public const string PairingSuffix = "-pairing.json";
    public const string AllowFromSuffix = "-allowFrom.json";
    private const string DefaultAccount = "default";

    /// <summary>The reference's built-in chat channel ids (its <c>CHANNEL_IDS</c>).</summary>
    private static readonly string[] KnownChannels =
    [
        "feishu", "googlechat", "nostr", "buzz", "msteams", "mattermost", "nextcloud-talk", "matrix", "raft", "a2a", "line", "zalo",
        "clickclack", "zalouser", "sms", "synology-chat", "tlon", "discord", "imessage", "irc", "reef", "signal", "slack", "telegram",
        "twitch", "whatsapp",
    ];

    public static async Task ImportAsync(SqliteStateDatabase state, IReadOnlyList<string> files, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var pairedChannels = files.Select(Path.GetFileName).OfType<string>()
            .Where(name => name.EndsWith(PairingSuffix, StringComparison.Ordinal))
            .Select(name => name[..^PairingSuffix.Length]);
        var channels = KnownChannels.Concat(pairedChannels).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(PairingSuffix, StringComparison.Ordinal))
            {
                await ImportRequestsAsync(state, path, name[..^PairingSuffix.Length], report, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ImportAllowFromAsync(state, path, name[..^AllowFromSuffix.Length], channels, report, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ImportRequestsAsync(SqliteStateDatabase state, string path, string channel, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var requests = LegacyFile.Read(path).TryParse() is JsonObject { } root && root["requests"] is JsonArray array
            ? array.OfType<JsonObject>().Select(Normalize).OfType<JsonObject>().ToList()
            : null;
        if (requests is null)
        {
            report.Warnings.Add($"Legacy channel pairing file unreadable; left in place at {path}");
            return;
        }

        await state.WriteAsync((connection, transaction) =>
        {
            foreach (var request in requests)
            {
                var meta = request["meta"] as JsonObject;
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO channel_pairing_requests (channel_key, account_id, request_id, code, created_at, last_seen_at, meta_json)
                    VALUES ($channel, $account, $id, $code, $created, $seen, $meta)
                    ON CONFLICT (channel_key, account_id, request_id) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$channel", channel);
                command.Parameters.AddWithValue("$account", AccountId(meta?["accountId"]?.GetValue<string>()));
                command.Parameters.AddWithValue("$id", (string)request["id"]!);
                command.Parameters.AddWithValue("$code", (string)request["code"]!);
                command.Parameters.AddWithValue("$created", (string)request["createdAt"]!);
                command.Parameters.AddWithValue("$seen", (string)request["lastSeenAt"]!);
                command.Parameters.AddWithValue("$meta", meta is null ? DBNull.Value : JavaScriptJson.Stringify(meta));
                command.ExecuteNonQuery();
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        File.Delete(path);
        report.Add("pairingRequests", requests.Count);
        report.Changes.Add($"Migrated {requests.Count} {channel} pairing request(s) → shared SQLite state");
    }

    private static async Task ImportAllowFromAsync(SqliteStateDatabase state, string path, string stem, List<string> channels, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => stem == c || stem == $"{c}-{DefaultAccount}");
        if (channel is null)
        {
            report.Warnings.Add($"Legacy channel allowFrom channel/account is unresolved; left in place at {path}");
            return;
        }

        var values = LegacyFile.Read(path).TryParse() switch
        {
            JsonArray array => array,
            JsonObject { } root when root["allowFrom"] is JsonArray array => array,
            _ => null,
        };
        if (values is null)
        {
            report.Warnings.Add($"Legacy channel allowFrom file unreadable; left in place at {path}");
            return;
        }

        var entries = values.Select(v => ChannelEntry(channel, Entry(v))).Where(e => e.Length > 0 && e != "*").Distinct(StringComparer.Ordinal).ToList();
        var now = state.NowMs;
        await state.WriteAsync((connection, transaction) =>
        {
            using var order = connection.CreateCommand();
            order.Transaction = transaction;
            order.CommandText = "SELECT coalesce(max(sort_order) + 1, 0) FROM channel_pairing_allow_entries WHERE channel_key = $channel AND account_id = $account";
            order.Parameters.AddWithValue("$channel", channel);
            order.Parameters.AddWithValue("$account", DefaultAccount);
            var next = Convert.ToInt64(order.ExecuteScalar(), CultureInfo.InvariantCulture);
            foreach (var entry in entries)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO channel_pairing_allow_entries (channel_key, account_id, entry, sort_order, updated_at)
                    VALUES ($channel, $account, $entry, $order, $now)
                    ON CONFLICT (channel_key, account_id, entry) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$channel", channel);
                command.Parameters.AddWithValue("$account", DefaultAccount);
                command.Parameters.AddWithValue("$entry", entry);
                command.Parameters.AddWithValue("$order", next);
                command.Parameters.AddWithValue("$now", now);
                next += command.ExecuteNonQuery();
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        File.Delete(path);
        report.Add("allowFromEntries", entries.Count);
        report.Changes.Add($"Migrated {entries.Count} {channel}/{DefaultAccount} allowFrom entr{(entries.Count == 1 ? "y" : "ies")} → shared SQLite state");
    }

    /// <summary>A request needs id, code and createdAt; meta keeps only non-blank string values.</summary>
    private static JsonObject? Normalize(JsonObject raw)
    {
        var id = Text(raw["id"]);
        var code = Text(raw["code"]);
        var created = Text(raw["createdAt"]);
        if (id is null || code is null || created is null)
        {
            return null;
        }

        var request = new JsonObject { ["id"] = id, ["code"] = code, ["createdAt"] = created, ["lastSeenAt"] = Text(raw["lastSeenAt"]) ?? created };
        if (raw["meta"] is JsonObject meta)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in meta)
            {
                if (Text(value) is { } text)
                {
                    kept[key] = text;
                }
            }

            if (kept.Count > 0)
            {
                request["meta"] = kept;
            }
        }

        return request;
    }

    private static string AccountId(string? raw) => raw?.Trim().ToLowerInvariant() is { Length: > 0 } id ? id : DefaultAccount;

    /// <summary>The channel's own entry normalisation; Telegram's drops a <c>telegram:</c>/<c>tg:</c> prefix.</summary>
    private static string ChannelEntry(string channel, string entry) =>
        channel == "telegram" && TelegramPrefix().Match(entry) is { Success: true } match ? entry[match.Length..].Trim() : entry;

    [System.Text.RegularExpressions.GeneratedRegex("^(telegram|tg):", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TelegramPrefix();

    private static string Entry(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Trim(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => "",
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;
}
