using System.Globalization;
using Pincer.Sessions.Store;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Bench;

/// <summary>
/// Builds a state dir whose <c>main</c> agent DB holds N operator-created sessions, written through
/// Pincer's own store in the shared on-disk format, so both gateways list the very same rows.
/// </summary>
internal static class SessionStoreSeeder
{
    public static async Task<string> SeedAsync(string workDir, int count, CancellationToken ct)
    {
        var stateDir = Path.Combine(workDir, $"seed-{count.ToString(CultureInfo.InvariantCulture)}", "state");
        if (Directory.Exists(stateDir))
        {
            Directory.Delete(stateDir, recursive: true);
        }

        Directory.CreateDirectory(stateDir);
        var baseMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (count * 1000L);
        await using (var database = AgentDatabase.Open(stateDir, "main"))
        {
            var store = new SqliteSessionStore(database);
            for (var i = 0; i < count; i++)
            {
                var at = baseMs + (i * 1000L);
                var entry = new SessionEntry
                {
                    SessionId = Guid.NewGuid().ToString(),
                    LifecycleRevision = Guid.NewGuid().ToString(),
                    UpdatedAt = at,
                    CreatedAt = at,
                    Label = $"Session {i.ToString(CultureInfo.InvariantCulture)}",
                    CreatedVia = "operator",
                    ModelOverrideSource = "default",
                    ParentSessionKey = "agent:main:main",
                };
                entry.Json["sessionRoot"] = Path.Combine(stateDir, "workspace");
                entry.Json["spawnDepth"] = 0;
                entry.Delivery = new System.Text.Json.Nodes.JsonObject { ["kind"] = "none" };
                await store.UpsertAsync($"agent:main:bench-{i.ToString(CultureInfo.InvariantCulture)}", entry, ct);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return stateDir;
    }
}
