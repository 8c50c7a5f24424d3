using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Cli.Commands.Doctor;

/// <summary>The lines doctor prints about legacy stores: what is pending, and the session import's counts.</summary>
internal static class DoctorLegacyText
{
    public static IReadOnlyCollection<string> Describe(IReadOnlyList<LegacySource> pending)
    {
        var lines = new List<string>();
        var sessions = pending.Where(s => s.Kind == LegacySourceKind.Sessions).ToList();
        if (sessions.Count > 0)
        {
            lines.Add($"Sessions: legacy sessions.json + JSONL transcripts for {string.Join(", ", sessions.Select(s => s.AgentId))} → agent SQLite");
        }

        foreach (var source in pending.Where(s => s.Kind != LegacySourceKind.Sessions).DistinctBy(s => s.Kind))
        {
            lines.Add(source.Kind switch
            {
                LegacySourceKind.CronJobs => $"Cron store: {source.Path} → shared SQLite state",
                LegacySourceKind.ChannelPairing => "Channel pairing state: legacy JSON files → shared SQLite state",
                LegacySourceKind.ExecApprovals => $"Exec approvals: {source.Path} → shared SQLite state",
                _ => $"Auth profiles: {source.Path} → shared SQLite state",
            });
        }

        return lines;
    }

    public static IReadOnlyCollection<string> AuthPending(string stateDir)
    {
        var path = LegacyStoreDetector.Detect(stateDir).FirstOrDefault(s => s.Kind == LegacySourceKind.AuthProfiles)?.Path;
        if (path is null)
        {
            return [];
        }

        var providers = ReadProviders(path);
        return
        [
            providers.Count > 0 ? $"{path} (affected providers: {string.Join(", ", providers)})" : path,
            "openclaw doctor --fix imports legacy auth profile JSON into SQLite, records a receipt, and keeps the original bytes as an archive beside it.",
        ];
    }

    public static IReadOnlyCollection<string> ExecApprovalsPending(string stateDir) =>
        LegacyStoreDetector.Detect(stateDir).FirstOrDefault(s => s.Kind == LegacySourceKind.ExecApprovals)?.Path is { } path
            ? [path, "openclaw doctor --fix imports it into SQLite, records a receipt, and removes the retired file."]
            : [];

    public static IReadOnlyCollection<string> SessionSummary(bool fix, int legacyEntries, int legacyEvents, LegacyImportReport report)
    {
        if (!fix)
        {
            return
            [
                $"Legacy entries: {legacyEntries}; SQLite entries: 0.",
                $"Transcript events: imported=0; validated={legacyEvents}.",
                "Run \"openclaw doctor --fix\" to migrate legacy session metadata/transcripts to SQLite.",
            ];
        }

        var imported = report.Counts.GetValueOrDefault("transcriptEventsImported");
        var lines = new List<string>
        {
            $"Legacy entries: {report.Counts.GetValueOrDefault("legacySessionEntries")}; SQLite entries: {report.Counts.GetValueOrDefault("sqliteSessionEntries")}.",
            $"Transcript events: imported={imported}; validated={Math.Max(0, legacyEvents - imported)}.",
        };
        if (report.Counts.GetValueOrDefault("transcriptArtifactsArchived") is var archived and > 0)
        {
            lines.Add($"Archived {archived} legacy transcript artifact(s).");
        }

        if (report.Counts.GetValueOrDefault("unreferencedTranscriptsArchived") is var unreferenced and > 0)
        {
            lines.Add($"Archived {unreferenced} unreferenced JSONL artifact(s).");
        }

        return lines;
    }

    private static List<string> ReadProviders(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?["profiles"] is JsonObject profiles
                ? profiles.Select(p => (p.Value as JsonObject)?["provider"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
                : [];
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return [];
        }
    }
}
