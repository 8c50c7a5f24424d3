using Pincer.Cli.Parsing;
using Pincer.Config.Paths;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Cli.Commands.Doctor;

/// <summary>
/// <c>openclaw doctor [--fix|--repair|--yes] [--non-interactive]</c>: the legacy-store part of the
/// reference's doctor. Plain doctor, like the reference's, already runs the safe migrations (cron
/// store, channel pairing) and reports the rest as pending; <c>--fix</c> (alias <c>--repair</c>, or
/// <c>--yes</c>) imports everything. Exit 0 when done; 1 when <c>--fix</c> leaves any legacy source in
/// place (unreadable, conflicting or unresolved). Unlike the reference, one refused store does not
/// hold back the others. Pincer runs none of the reference's other checks (services, plugins, …).
/// </summary>
internal static class DoctorCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("fix", false), new("repair", false), new("yes", false), new("non-interactive", false), new("force", false),
        new("deep", false), new("allow-exec", false), new("no-workspace-suggestions", false), new("generate-gateway-token", false),
    ];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var fix = cmd.Has("fix") || cmd.Has("repair") || cmd.Has("yes");
        var stateDir = ConfigPathResolver.ResolveStateDir(ctx.Environment);
        var output = new DoctorOutput(ctx.Out);
        output.Title("OpenClaw doctor");

        var pending = LegacyStoreDetector.Detect(stateDir);
        if (pending.Count > 0)
        {
            output.Section("Legacy state detected", DoctorLegacyText.Describe(pending));
        }

        var preview = new LegacyImportReport();
        var (legacyEntries, legacyEvents) = LegacyStateImporter.InspectSessions(stateDir, preview);
        var report = await LegacyStateImporter.ImportAsync(stateDir, fix ? LegacyImportOptions.Fix : LegacyImportOptions.SafeOnly, ctx.Time, ctx.Stopping).ConfigureAwait(false);

        output.Section("Doctor changes", report.Changes);
        output.Section("Doctor notices", report.Notices);
        if (!fix)
        {
            output.Section("Auth profile SQLite migration", DoctorLegacyText.AuthPending(stateDir));
            output.Section("Exec approvals SQLite migration", DoctorLegacyText.ExecApprovalsPending(stateDir));
        }

        if (pending.Any(s => s.Kind == LegacySourceKind.Sessions))
        {
            output.Section("Session SQLite", DoctorLegacyText.SessionSummary(fix, legacyEntries, legacyEvents, report));
        }

        output.Section("Doctor warnings", [.. preview.Warnings.Where(w => !report.Warnings.Contains(w)), .. report.Warnings]);

        // Like the reference, an explicit repair that leaves any legacy source behind has not finished.
        var blocking = fix ? LegacyStoreDetector.Detect(stateDir) : [];
        if (blocking.Count > 0)
        {
            output.Section("Doctor", [.. blocking.Select(s => $"Legacy state still needs repair: {s.Path}"), "Resolve the warnings above, then run \"openclaw doctor --fix\" again."]);
            return 1;
        }

        output.Done("Doctor complete.");
        return 0;
    }
}
