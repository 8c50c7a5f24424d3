using Pincer.Abstractions.Sessions;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// One forced maintenance pass over a store snapshot, in the reference's order: stale model-run
/// probes (only while the live rows exceed the cap), inactive dashboard sessions archived, rows past
/// the age retention archived (synthetic ones removed), then the live-row cap, whose victims are the
/// least recently active unprotected rows. The snapshot is edited in place so each phase sees the last.
/// </summary>
internal static class SessionMaintenancePlanner
{
    public const string AgeRetention = "age-retention";
    public const string StaleDashboard = "stale-dashboard";
    public const string ActiveSessionCap = "active-session-cap";

    /// <param name="store">Key → entry copies in store order; removed keys are taken out.</param>
    public static SessionMaintenancePlan Plan(List<(string Key, SessionEntry Entry)> store, SessionMaintenanceSettings settings, IReadOnlySet<string> preserveKeys, long nowMs)
    {
        var plan = new SessionMaintenancePlan();
        var live = store.Count(s => s.Entry.ArchivedAt is null);
        bool Preserved(string key, SessionEntry entry) => SessionMaintenanceRules.ShouldPreserve(key, entry, preserveKeys, settings.PreserveRecentMs, nowMs);

        void Archive(string key, SessionEntry entry, string reason, bool byCap)
        {
            entry.ArchivedAt = nowMs;
            entry.Json.Remove("archivedBy");
            entry.Json["archiveReason"] = reason;
            plan.Archives.Add((key, entry, byCap));
        }

        void Remove(string key, string reason)
        {
            store.RemoveAll(s => s.Key == key);
            plan.Removals.Add((key, reason));
        }

        if (live > settings.MaxEntries && settings.ModelRunPruneAfterMs > 0)
        {
            var cutoff = nowMs - settings.ModelRunPruneAfterMs;
            foreach (var (key, entry) in store.ToList())
            {
                if (!Preserved(key, entry) && SessionMaintenanceRules.IsModelRunProbe(key) && entry.UpdatedAt is { } at && at < cutoff)
                {
                    Remove(key, SessionMaintenancePlan.ModelRunPruned);
                }
            }
        }

        if (settings.ArchiveDashboardAfterMs is { } dashboardAfter && dashboardAfter > 0)
        {
            var cutoff = nowMs - dashboardAfter;
            foreach (var (key, entry) in store)
            {
                var rest = SessionKeys.ParseAgent(key)?.Rest;
                if (rest is null || !rest.StartsWith("dashboard:", StringComparison.Ordinal) || Preserved(key, entry))
                {
                    continue;
                }

                var activity = SessionMaintenanceRules.ActivityAt(entry);
                if (activity > 0 && activity < cutoff)
                {
                    Archive(key, entry, StaleDashboard, byCap: false);
                }
            }
        }

        if (settings.PruneAfterMs > 0)
        {
            var cutoff = nowMs - settings.PruneAfterMs;
            foreach (var (key, entry) in store.ToList())
            {
                if (Preserved(key, entry) || entry.UpdatedAt is not { } at || at >= cutoff)
                {
                    continue;
                }

                if (SessionMaintenanceRules.IsSynthetic(key))
                {
                    Remove(key, SessionMaintenancePlan.Pruned);
                }
                else
                {
                    Archive(key, entry, AgeRetention, byCap: false);
                }
            }
        }

        foreach (var key in CapVictims(store, settings.MaxEntries, Preserved))
        {
            var entry = store.First(s => s.Key == key).Entry;
            if (SessionMaintenanceRules.IsSynthetic(key))
            {
                Remove(key, SessionMaintenancePlan.Capped);
            }
            else
            {
                Archive(key, entry, ActiveSessionCap, byCap: true);
            }
        }

        return plan;
    }

    private static List<string> CapVictims(List<(string Key, SessionEntry Entry)> store, long maxEntries, Func<string, SessionEntry, bool> preserved)
    {
        var live = store.Where(s => s.Entry.ArchivedAt is null).ToList();
        var overflow = live.Count - Math.Max(0, maxEntries);
        if (overflow <= 0)
        {
            return [];
        }

        var eligible = live.Where(s => !preserved(s.Key, s.Entry)).ToList();
        eligible.Reverse();

        // A stable sort over the reversed rows: among equally old rows the later-listed one goes first.
        return [.. eligible.OrderBy(s => SessionMaintenanceRules.ActivityAt(s.Entry)).Take((int)Math.Min(overflow, eligible.Count)).Select(s => s.Key)];
    }
}
