using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>What one maintenance pass decided for a store: rows to remove (with why) and rows to archive in place.</summary>
internal sealed class SessionMaintenancePlan
{
    public const string ModelRunPruned = "model-run-pruned";
    public const string Pruned = "pruned";
    public const string Capped = "capped";

    /// <summary>Removed keys with their reason, in decision order.</summary>
    public List<(string Key, string Reason)> Removals { get; } = [];

    /// <summary>Archived keys with the entry carrying its new <c>archivedAt</c>/<c>archiveReason</c>, in decision order.</summary>
    public List<(string Key, SessionEntry Entry, bool ByCap)> Archives { get; } = [];

    public int Count(string reason) => Removals.Count(r => r.Reason == reason);

    /// <summary>Archived other than by the cap: stale dashboards and age retention.</summary>
    public int AgeArchived => Archives.Count(a => !a.ByCap);

    public int CapArchived => Archives.Count(a => a.ByCap);
}
