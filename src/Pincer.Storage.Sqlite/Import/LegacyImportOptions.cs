namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// Which stores an import pass may touch. The reference's plain <c>doctor</c> already runs the
/// "safe" migrations (cron store, channel pairing); sessions, exec approvals and auth profiles wait
/// for <c>doctor --fix</c>.
/// </summary>
public sealed record LegacyImportOptions
{
    /// <summary>Everything, as <c>doctor --fix</c> does.</summary>
    public static LegacyImportOptions Fix { get; } = new();

    /// <summary>What plain <c>doctor</c> imports on its own.</summary>
    public static LegacyImportOptions SafeOnly { get; } = new() { Sessions = false, ExecApprovals = false, AuthProfiles = false };

    public bool Sessions { get; init; } = true;

    public bool CronJobs { get; init; } = true;

    public bool ChannelPairing { get; init; } = true;

    public bool ExecApprovals { get; init; } = true;

    public bool AuthProfiles { get; init; } = true;

    /// <summary>The cron store when <c>cron.store</c> moves it; default <c>&lt;stateDir&gt;/cron/jobs.json</c>.</summary>
    public string? CronStorePath { get; init; }

    public bool Includes(LegacySourceKind kind) => kind switch
    {
        LegacySourceKind.Sessions => Sessions,
        LegacySourceKind.CronJobs => CronJobs,
        LegacySourceKind.ChannelPairing => ChannelPairing,
        LegacySourceKind.ExecApprovals => ExecApprovals,
        LegacySourceKind.AuthProfiles => AuthProfiles,
        _ => false,
    };
}
