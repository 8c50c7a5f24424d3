using Pincer.Storage.Sqlite;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Gateway.Hosting;

/// <summary>
/// A gateway must not serve sessions while a legacy file store still holds them (it would answer
/// with empty history). As the reference does: on the very first start of a state dir (no state DB
/// yet) the file stores are imported before listening; on a state dir that has booted before, the
/// gateway refuses to start (exit 78) and points at <c>openclaw doctor --fix</c>.
/// </summary>
internal static class LegacyStoreGate
{
    /// <summary>EX_CONFIG: the reference's exit status when state needs maintenance first.</summary>
    public const int MaintenanceRequiredExitCode = 78;

    /// <returns>Null to go on starting, or the exit code after the refusal has been printed.</returns>
    public static async Task<int?> CheckAsync(string stateDir, TextWriter error, CancellationToken cancellationToken)
    {
        var sessionStores = LegacyStoreDetector.Detect(stateDir).Where(s => s.Kind == LegacySourceKind.Sessions).ToList();
        if (sessionStores.Count == 0)
        {
            return null;
        }

        if (!File.Exists(SqliteStateDatabase.PathFor(stateDir)))
        {
            // First boot of this state dir: nothing has been served from the DBs yet, so importing
            // now loses nothing. Credentials stay for doctor, which reports the affected providers.
            await LegacyStateImporter.ImportAsync(stateDir, LegacyImportOptions.Fix with { AuthProfiles = false },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!LegacyStoreDetector.HasUnimportedSessionStore(stateDir))
            {
                return null;
            }
        }

        var first = $"Legacy session store requires migration: {sessionStores[0].Path}. Run \"openclaw doctor --fix\" against the same state/config before starting OpenClaw.";
        const string advice = "Stop the service with openclaw gateway stop (or its service owner), then run openclaw doctor --fix, then start it again with openclaw gateway start.";
        await error.WriteLineAsync(first).ConfigureAwait(false);
        await error.WriteLineAsync($"[gateway] requires state migration. {advice}").ConfigureAwait(false);
        await error.WriteLineAsync($"Gateway failed to start: {first} | gateway.maintenance_required. {advice}").ConfigureAwait(false);
        return MaintenanceRequiredExitCode;
    }
}
