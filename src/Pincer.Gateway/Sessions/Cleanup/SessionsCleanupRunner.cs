using System.Text.Json.Nodes;
using Pincer.Abstractions.Sessions;
using Pincer.Gateway.Sessions.Write;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// <c>sessions.cleanup</c> over each target store, always applied: the opt-in repairs first, then
/// (unless the mode is <c>warn</c>) one forced maintenance pass. Removals and archives go through the
/// store's single writer, one row at a time, each re-checked against the row it was planned from.
/// One summary per store; a single store answers with its summary, several with the
/// <c>allAgents</c> envelope.
/// </summary>
internal sealed class SessionsCleanupRunner(AgentStores stores, SessionTargetResolver targets, TimeProvider time)
{
    public async Task<(JsonObject Result, int Stores)> RunAsync(SessionsCleanupRequest request, CancellationToken cancellationToken)
    {
        var config = targets.Config;
        var settings = SessionMaintenanceSettings.FromConfig(config);
        var mode = request.Enforce ? "enforce" : settings.Mode;
        settings = settings with { Mode = mode };
        var summaries = new List<JsonObject>();
        foreach (var agentId in SessionsCleanupTargets.Resolve(request, config))
        {
            summaries.Add(await CleanAsync(agentId, request, settings, config, cancellationToken).ConfigureAwait(false));
        }

        if (summaries.Count == 1)
        {
            return (summaries[0], 1);
        }

        return (new JsonObject
        {
            ["allAgents"] = true,
            ["mode"] = mode,
            ["dryRun"] = false,
            ["stores"] = new JsonArray([.. summaries]),
        }, summaries.Count);
    }

    private async Task<JsonObject> CleanAsync(string agentId, SessionsCleanupRequest request, SessionMaintenanceSettings settings, JsonObject config, CancellationToken cancellationToken)
    {
        var store = await stores.GetAsync(agentId).ConfigureAwait(false);
        var rows = await LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var beforeCount = rows.Count;

        var missing = request.FixMissing ? await SessionCleanupFixes.MissingTranscriptKeysAsync(rows, store.Transcripts, cancellationToken).ConfigureAwait(false) : [];
        var remaining = rows.Where(r => !missing.Contains(r.Key)).ToList();
        var retired = request.FixDmScope ? SessionCleanupFixes.StaleDirectKeys(remaining, config, agentId, request.ActiveKey) : [];
        var missingRemoved = await RemoveAsync(store, rows, missing, cancellationToken).ConfigureAwait(false);
        var retiredRemoved = await RemoveAsync(store, rows, retired, cancellationToken).ConfigureAwait(false);

        var plan = new SessionMaintenancePlan();
        if (settings.Enforces)
        {
            var current = await LoadAsync(store, cancellationToken).ConfigureAwait(false);
            var preserve = new HashSet<string>(StringComparer.Ordinal);
            if (request.ActiveKey is { } active && SessionKeys.Normalize(active) is { Length: > 0 } normalized)
            {
                preserve.Add(normalized);
            }

            plan = SessionMaintenancePlanner.Plan(current, settings, preserve, time.GetUtcNow().ToUnixTimeMilliseconds());
            await ApplyAsync(store, rows, plan, cancellationToken).ConfigureAwait(false);
        }

        var finalCount = await store.Sessions.CountAsync(cancellationToken).ConfigureAwait(false);
        var artifacts = SessionDiskUsage.Artifacts(stores.StateDir, agentId, settings.PruneAfterMs, scan: settings.Enforces);
        var budget = SessionDiskUsage.Budget(store.Path, settings);
        var maintenanceRemoved = plan.Removals.Count;
        var wouldMutate = missingRemoved + retiredRemoved > 0 || plan.Archives.Count > 0 || maintenanceRemoved > 0;
        return new JsonObject
        {
            ["agentId"] = agentId,
            ["storePath"] = store.Path,
            ["mode"] = settings.Mode,
            ["dryRun"] = false,
            ["beforeCount"] = beforeCount,
            ["afterCount"] = finalCount,
            ["missing"] = missingRemoved,
            ["dmScopeRetired"] = retiredRemoved,
            ["modelRunPruned"] = plan.Count(SessionMaintenancePlan.ModelRunPruned),
            ["archived"] = plan.AgeArchived,
            ["capArchived"] = plan.CapArchived,
            ["pruned"] = plan.Count(SessionMaintenancePlan.Pruned),
            ["capped"] = plan.CapArchived + plan.Count(SessionMaintenancePlan.Capped),
            ["unreferencedArtifacts"] = artifacts,
            ["diskBudget"] = budget,
            ["wouldMutate"] = wouldMutate,
            ["applied"] = true,
            ["appliedCount"] = finalCount,
        };
    }

    private static async Task<List<(string Key, SessionEntry Entry)>> LoadAsync(AgentStore store, CancellationToken cancellationToken)
    {
        var records = await store.Sessions.ListAsync(new SessionListQuery(), cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => (r.SessionKey, r.Entry.Clone()))];
    }

    /// <summary>Deletes each planned row unless it changed since it was read; returns how many went.</summary>
    private static async Task<int> RemoveAsync(AgentStore store, List<(string Key, SessionEntry Entry)> planned, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var key in keys)
        {
            var expected = planned.FirstOrDefault(p => p.Key == key).Entry;
            var current = await store.Sessions.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null || (expected is not null && current.Json.ToJsonString() != expected.Json.ToJsonString()))
            {
                continue;
            }

            if (await store.Sessions.DeleteAsync(key, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        return removed;
    }

    private static async Task ApplyAsync(AgentStore store, List<(string Key, SessionEntry Entry)> rows, SessionMaintenancePlan plan, CancellationToken cancellationToken)
    {
        foreach (var (key, archived, _) in plan.Archives)
        {
            await store.Sessions.UpdateAsync(key, current =>
            {
                if (current is null || current.ArchivedAt is not null)
                {
                    return null;
                }

                var next = current.Clone();
                next.ArchivedAt = archived.ArchivedAt;
                next.Json.Remove("archivedBy");
                next.Json["archiveReason"] = archived.Json["archiveReason"]?.DeepClone();
                return next;
            }, cancellationToken).ConfigureAwait(false);
        }

        await RemoveAsync(store, rows, plan.Removals.Select(r => r.Key), cancellationToken).ConfigureAwait(false);
    }
}
