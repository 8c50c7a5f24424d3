namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// The file → SQLite import that <c>openclaw doctor --fix</c> runs: every legacy store found under a
/// state dir, each in its own transaction(s), in the reference's order (cron, exec approvals, channel
/// pairing, auth profiles, then sessions). A failing store is reported and left in place without
/// stopping the others. Running it again finds nothing to do: each importer moves or deletes its
/// original once committed, and its writes are idempotent when it must resume.
/// </summary>
public static class LegacyStateImporter
{
    public static async Task<LegacyImportReport> ImportAsync(string stateDir, LegacyImportOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDir);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var report = new LegacyImportReport();
        var sources = LegacyStoreDetector.Detect(stateDir, options.CronStorePath).Where(s => options.Includes(s.Kind)).ToList();
        if (sources.Count == 0)
        {
            return report;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(SqliteStateDatabase.PathFor(stateDir))!);
        await using var state = SqliteStateDatabase.Open(stateDir, time);
        foreach (var source in sources.Where(s => s.Kind == LegacySourceKind.CronJobs))
        {
            await Guard(report, "cron store", source.Path, () => LegacyCronImporter.ImportAsync(state, source.Path, report, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var source in sources.Where(s => s.Kind == LegacySourceKind.ExecApprovals))
        {
            await Guard(report, "exec approvals", source.Path, () => LegacyExecApprovalsImporter.ImportAsync(state, source.Path, report, cancellationToken)).ConfigureAwait(false);
        }

        var pairing = sources.Where(s => s.Kind == LegacySourceKind.ChannelPairing).Select(s => s.Path).ToList();
        if (pairing.Count > 0)
        {
            await Guard(report, "channel pairing state", LegacyStoreDetector.PairingDir(stateDir), () => LegacyPairingImporter.ImportAsync(state, pairing, report, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var source in sources.Where(s => s.Kind == LegacySourceKind.AuthProfiles))
        {
            await Guard(report, "auth profiles", source.Path, () => LegacyAuthProfilesImporter.ImportAsync(state, source.Path, report, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var source in sources.Where(s => s.Kind == LegacySourceKind.Sessions))
        {
            await Guard(report, "session store", source.Path, () => LegacySessionImporter.ImportAsync(stateDir, source, time, report, cancellationToken)).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Counts what a session import would bring in (entries, transcript events) without writing anything.</summary>
    public static (int Entries, int Events) InspectSessions(string stateDir, LegacyImportReport report)
    {
        var entries = 0;
        var events = 0;
        foreach (var source in LegacyStoreDetector.SessionStores(stateDir))
        {
            if (LegacySessionImporter.Inspect(source, report) is { } counts)
            {
                entries += counts.Entries;
                events += counts.Events;
            }
        }

        return (entries, events);
    }

    // A boundary: one store's failure (I/O, a locked or refused DB) is reported and must not stop the rest.
    private static async Task Guard(LegacyImportReport report, string label, string path, Func<Task> import)
    {
        try
        {
            await import().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException
            or StateDatabaseRefusedException or Agents.AgentDatabaseRefusedException or InvalidOperationException or ArgumentException)
        {
            report.Warnings.Add($"Failed migrating {label} at {path}: {error.Message}");
        }
    }
}
