namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// Finds legacy file stores under a state dir without reading or changing them, so doctor can
/// report what is pending and the gateway can refuse readiness while a store is unimported.
/// A store counts as pending while its original file is still at its legacy path: every importer
/// moves or removes the original once its rows are committed.
/// </summary>
public static class LegacyStoreDetector
{
    /// <summary>Every legacy source present, in import order.</summary>
    public static IReadOnlyList<LegacySource> Detect(string stateDir, string? cronStorePath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDir);
        var found = new List<LegacySource>();
        found.AddRange(SessionStores(stateDir));
        var cron = cronStorePath ?? DefaultCronStorePath(stateDir);
        if (File.Exists(cron))
        {
            found.Add(new LegacySource(LegacySourceKind.CronJobs, Path.GetFullPath(cron)));
        }

        found.AddRange(PairingFiles(stateDir).Select(path => new LegacySource(LegacySourceKind.ChannelPairing, path)));
        var approvals = ExecApprovalsPath(stateDir);
        if (File.Exists(approvals))
        {
            found.Add(new LegacySource(LegacySourceKind.ExecApprovals, approvals));
        }

        var auth = AuthProfilesPath(stateDir);
        if (File.Exists(auth))
        {
            found.Add(new LegacySource(LegacySourceKind.AuthProfiles, auth, SharedAuthOwner));
        }

        return found;
    }

    /// <summary>
    /// True when an agent still has a legacy session index: the store whose absence would make the
    /// gateway serve empty history, and so the one that blocks readiness.
    /// </summary>
    public static bool HasUnimportedSessionStore(string stateDir) => SessionStores(stateDir).Any();

    /// <summary>The agent whose legacy <c>auth-profiles.json</c> seeds the shared credential store.</summary>
    internal const string SharedAuthOwner = "main";

    internal static string DefaultCronStorePath(string stateDir) => Path.Combine(stateDir, "cron", "jobs.json");

    internal static string ExecApprovalsPath(string stateDir) => Path.Combine(stateDir, "exec-approvals.json");

    internal static string AuthProfilesPath(string stateDir) => Path.Combine(stateDir, "agents", SharedAuthOwner, "agent", "auth-profiles.json");

    internal static string PairingDir(string stateDir) => Path.Combine(stateDir, "credentials");

    /// <summary><c>agents/&lt;id&gt;/sessions/sessions.json</c> per agent dir, plus the pre-agent root <c>sessions/sessions.json</c> (owned by main).</summary>
    internal static IEnumerable<LegacySource> SessionStores(string stateDir)
    {
        var agentsDir = Path.Combine(stateDir, "agents");
        if (Directory.Exists(agentsDir))
        {
            foreach (var agentDir in Directory.EnumerateDirectories(agentsDir).Order(StringComparer.Ordinal))
            {
                var index = Path.Combine(agentDir, "sessions", "sessions.json");
                if (File.Exists(index))
                {
                    yield return new LegacySource(LegacySourceKind.Sessions, index, Path.GetFileName(agentDir).ToLowerInvariant());
                }
            }
        }

        var rootIndex = Path.Combine(stateDir, "sessions", "sessions.json");
        if (File.Exists(rootIndex))
        {
            yield return new LegacySource(LegacySourceKind.Sessions, rootIndex, SharedAuthOwner);
        }
    }

    internal static IEnumerable<string> PairingFiles(string stateDir)
    {
        var dir = PairingDir(stateDir);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateFiles(dir)
            .Where(path => path.EndsWith(LegacyPairingImporter.PairingSuffix, StringComparison.Ordinal)
                || path.EndsWith(LegacyPairingImporter.AllowFromSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
