using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Sessions;

/// <summary>
/// The session group catalog in the shared state DB, as the reference keeps it: one <c>session_groups</c> row per
/// group (<c>name</c>, <c>position</c>, <c>created_at</c>, and the optional defaults <c>cwd</c> / <c>worktree</c>),
/// listed by position then name, and the sidebar's section order as a JSON array under
/// <c>config_machine_state['sidebar.sectionOrder']</c>. Membership is not stored here: a session belongs to the
/// group its entry's <c>category</c> names.
/// </summary>
public sealed class SessionGroupCatalogStore(SqliteStateDatabase database, TimeProvider time)
{
    private const string SidebarOrderKey = "sidebar.sectionOrder";

    public Task<SessionGroupCatalog> ReadAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => Snapshot(connection, null), cancellationToken);

    /// <summary>Appends <paramref name="name"/> at the end when it is not listed yet; true when it was added.</summary>
    public async Task<bool> RegisterAsync(string name, CancellationToken cancellationToken = default)
    {
        // Most writes name a category that is listed already: a read settles it without taking the writer.
        if (await database.ReadAsync(connection => Find(connection, null, name) is not null, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return await database.WriteAsync((connection, transaction) =>
        {
            if (Find(connection, transaction, name) is not null)
            {
                return false;
            }

            var last = Scalar(connection, transaction, "SELECT position FROM session_groups ORDER BY position DESC LIMIT 1");
            Insert(connection, transaction, new SessionGroupRow(name, last is long position ? position + 1 : 0, Now(), null, null));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the ordered list (positions follow <paramref name="names"/>) and, when given, the sidebar order.</summary>
    public Task<SessionGroupCatalog> PutAsync(IReadOnlyList<string> names, IReadOnlyList<string>? sectionOrder, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            var existing = Rows(connection, transaction).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var name in existing.Where(n => !names.Contains(n, StringComparer.Ordinal)))
            {
                Delete(connection, transaction, name);
            }

            var now = Now();
            for (var position = 0; position < names.Count; position++)
            {
                if (existing.Contains(names[position]))
                {
                    using var update = Command(connection, transaction, "UPDATE session_groups SET position = $position WHERE name = $name");
                    update.Parameters.AddWithValue("$position", position);
                    update.Parameters.AddWithValue("$name", names[position]);
                    update.ExecuteNonQuery();
                }
                else
                {
                    Insert(connection, transaction, new SessionGroupRow(names[position], position, now, null, null));
                }
            }

            if (sectionOrder is not null)
            {
                WriteSidebarOrder(connection, transaction, sectionOrder);
            }

            return Snapshot(connection, transaction);
        }, cancellationToken);

    /// <summary>Sets a listed group's defaults; false when the group is not listed.</summary>
    public Task<bool> SetDefaultsAsync(string name, string? cwd, bool worktree, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var update = Command(connection, transaction, "UPDATE session_groups SET cwd = $cwd, worktree = $worktree WHERE name = $name");
            update.Parameters.AddWithValue("$cwd", (object?)cwd ?? DBNull.Value);
            update.Parameters.AddWithValue("$worktree", worktree ? 1 : 0);
            update.Parameters.AddWithValue("$name", name);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);

    /// <summary>The first half of a rename: <paramref name="to"/> takes a copy of <paramref name="from"/>'s row unless it is listed already. False when <paramref name="from"/> is not listed.</summary>
    public Task<bool> CopyAsync(string from, string to, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (Find(connection, transaction, from) is not { } source)
            {
                return false;
            }

            if (Find(connection, transaction, to) is null)
            {
                Insert(connection, transaction, source with { Name = to });
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Drops <paramref name="name"/>'s row; in the sidebar order its section becomes <paramref name="renamedTo"/>'s
    /// (or disappears when there is none, or when that section is listed already).
    /// </summary>
    public Task RetireAsync(string name, string? renamedTo, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            Delete(connection, transaction, name);
            var from = "category:" + name;
            var to = renamedTo is null ? null : "category:" + renamedTo;
            if (ReadSidebarOrder(connection, transaction) is { } current && current.Contains(from, StringComparer.Ordinal))
            {
                WriteSidebarOrder(connection, transaction, to is null || current.Contains(to, StringComparer.Ordinal)
                    ? [.. current.Where(id => id != from)]
                    : [.. current.Select(id => id == from ? to : id)]);
            }

            return true;
        }, cancellationToken);

    private SessionGroupCatalog Snapshot(SqliteConnection connection, SqliteTransaction? transaction) =>
        new(Rows(connection, transaction), ReadSidebarOrder(connection, transaction) ?? []);

    private static List<SessionGroupRow> Rows(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var select = Command(connection, transaction, "SELECT name, position, created_at, cwd, worktree FROM session_groups ORDER BY position, name");
        using var reader = select.ExecuteReader();
        var rows = new List<SessionGroupRow>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static SessionGroupRow? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var select = Command(connection, transaction, "SELECT name, position, created_at, cwd, worktree FROM session_groups WHERE name = $name LIMIT 1");
        select.Parameters.AddWithValue("$name", name);
        using var reader = select.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static SessionGroupRow Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt64(4));

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, SessionGroupRow row)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO session_groups (name, position, created_at, cwd, worktree) VALUES ($name, $position, $created, $cwd, $worktree)");
        insert.Parameters.AddWithValue("$name", row.Name);
        insert.Parameters.AddWithValue("$position", row.Position);
        insert.Parameters.AddWithValue("$created", row.CreatedAt);
        insert.Parameters.AddWithValue("$cwd", (object?)row.Cwd ?? DBNull.Value);
        insert.Parameters.AddWithValue("$worktree", (object?)row.Worktree ?? DBNull.Value);
        insert.ExecuteNonQuery();
    }

    private static void Delete(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var delete = Command(connection, transaction, "DELETE FROM session_groups WHERE name = $name");
        delete.Parameters.AddWithValue("$name", name);
        delete.ExecuteNonQuery();
    }

    private static List<string>? ReadSidebarOrder(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var select = Command(connection, transaction, "SELECT value_json FROM config_machine_state WHERE state_key = $key");
        select.Parameters.AddWithValue("$key", SidebarOrderKey);
        if (select.ExecuteScalar() is not string json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
    }

    private void WriteSidebarOrder(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> order)
    {
        var json = JavaScriptJson.Stringify(new JsonArray([.. order.Select(id => (JsonNode)id)]));
        using var upsert = Command(connection, transaction,
            "INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES ($key, $value, $now) ON CONFLICT (state_key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms");
        upsert.Parameters.AddWithValue("$key", SidebarOrderKey);
        upsert.Parameters.AddWithValue("$value", json);
        upsert.Parameters.AddWithValue("$now", Now());
        upsert.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
