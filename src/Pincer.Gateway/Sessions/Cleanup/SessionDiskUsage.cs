using System.Text.Json.Nodes;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// The two on-disk reports of a cleanup: the agent's session artifact directory (files scanned for
/// unreferenced leftovers) and the physical disk budget of the agent DB with its WAL and shared
/// memory files. Pincer keeps transcripts inside the DB and leaves no loose artifacts, so nothing is
/// ever found to remove; the budget is measured and reported, never enforced.
/// </summary>
internal static class SessionDiskUsage
{
    public static JsonObject Artifacts(string stateDir, string agentId, long olderThanMs, bool scan)
    {
        var dir = Path.Combine(stateDir, "agents", agentId, "sessions");
        var scanned = scan && Directory.Exists(dir) ? Directory.EnumerateFiles(dir).Count() : 0;
        return new JsonObject { ["scannedFiles"] = scanned, ["removedFiles"] = 0, ["freedBytes"] = 0, ["olderThanMs"] = olderThanMs };
    }

    public static JsonObject? Budget(string databasePath, SessionMaintenanceSettings settings)
    {
        if (settings.MaxDiskBytes is not { } max || settings.HighWaterBytes is not { } highWater)
        {
            return null;
        }

        var total = new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }
            .Select(p => new FileInfo(p)).Where(f => f.Exists).Sum(f => f.Length);
        return new JsonObject
        {
            ["totalBytesBefore"] = total,
            ["totalBytesAfter"] = total,
            ["removedFiles"] = 0,
            ["removedEntries"] = 0,
            ["freedBytes"] = 0,
            ["maxBytes"] = max,
            ["highWaterBytes"] = highWater,
            ["overBudget"] = total > max,
        };
    }
}
