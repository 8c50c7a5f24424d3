using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// One agent's <c>sessions/sessions.json</c> (session key → entry) and the <c>&lt;sessionId&gt;.jsonl</c>
/// transcripts it names → that agent's <c>openclaw-agent.sqlite</c>, written through the same
/// <see cref="SqliteSessionStore"/> and <see cref="SqliteTranscriptStore"/> the gateway uses. A key
/// already in SQLite keeps its row (it may have been edited since); transcript appends skip entry ids
/// already stored, so a re-run after an interrupted pass adds nothing twice. Once everything is
/// committed the originals move to <c>agents/&lt;id&gt;/session-sqlite-import-archive/</c> as
/// <c>&lt;key slug&gt;.&lt;file&gt;.imported-&lt;ms&gt;</c> and <c>legacy-store.sessions.json.imported-&lt;ms&gt;</c>,
/// as the reference does; JSONL the index does not name is archived unimported as
/// <c>archive-tier.&lt;file&gt;.imported-&lt;ms&gt;</c>. An absent index is what marks the store imported.
/// </summary>
internal static partial class LegacySessionImporter
{
    public const string ArchiveDirName = "session-sqlite-import-archive";

    public static async Task ImportAsync(string stateDir, LegacySource source, TimeProvider time, LegacyImportReport report, CancellationToken cancellationToken)
    {
        var plan = Plan(source, report);
        if (plan is null)
        {
            return;
        }

        var agentId = source.AgentId ?? LegacyStoreDetector.SharedAuthOwner;
        var sqliteEntries = 0;
        var importedEvents = 0;
        await using (var database = AgentDatabase.Open(stateDir, agentId, time))
        {
            var sessions = new SqliteSessionStore(database);
            var transcripts = new SqliteTranscriptStore(database);
            foreach (var session in plan.Sessions)
            {
                var entry = (JsonObject)session.Entry.DeepClone();
                LegacySessionDelivery.Normalize(entry);
                await sessions.UpdateAsync(session.Key, current => current is null ? new SessionEntry(entry) : null, cancellationToken).ConfigureAwait(false);
                if (session.Events.Count > 0)
                {
                    importedEvents += await transcripts.AppendAsync(session.Key, session.SessionId, session.Events, cancellationToken).ConfigureAwait(false);
                }
            }

            sqliteEntries = await sessions.CountAsync(cancellationToken).ConfigureAwait(false);
        }

        var archiveDir = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source.Path)!)!, ArchiveDirName);
        Directory.CreateDirectory(archiveDir);
        var archived = 0;
        var sessionsDir = Path.GetDirectoryName(Path.GetFullPath(source.Path))!;
        foreach (var session in plan.Sessions.Where(s => s.TranscriptPath is not null && File.Exists(s.TranscriptPath)).DistinctBy(s => s.TranscriptPath))
        {
            // Like the reference, only files inside the store's own sessions dir are moved; a sessionFile
            // elsewhere is imported but left where it is.
            if (!string.Equals(Path.GetDirectoryName(session.TranscriptPath), sessionsDir, StringComparison.Ordinal))
            {
                report.Notices.Add($"Imported transcript outside the sessions directory left in place: {session.TranscriptPath}");
                continue;
            }

            var target = Path.Combine(archiveDir, $"{Slug(session.Key, 120, "session")}.{Slug(Path.GetFileName(session.TranscriptPath!), 160, "artifact")}.imported-{time.GetUtcNow().ToUnixTimeMilliseconds()}");
            LegacyFile.MoveAside(session.TranscriptPath!, target);
            archived++;
        }

        // JSONL the index does not name is not imported (the reference treats it as archive-tier history);
        // its bytes move to the archive so nothing is lost and the sessions dir is left empty.
        var referenced = plan.Sessions.Select(s => s.TranscriptPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unreferenced = 0;
        foreach (var orphan in Directory.EnumerateFiles(sessionsDir, "*.jsonl").Order(StringComparer.Ordinal).Where(p => !referenced.Contains(p)).ToList())
        {
            LegacyFile.MoveAside(orphan, Path.Combine(archiveDir, $"archive-tier.{Slug(Path.GetFileName(orphan), 160, "artifact")}.imported-{time.GetUtcNow().ToUnixTimeMilliseconds()}"));
            unreferenced++;
        }

        LegacyFile.MoveAside(source.Path, Path.Combine(archiveDir, $"legacy-store.sessions.json.imported-{time.GetUtcNow().ToUnixTimeMilliseconds()}"));
        report.Add("unreferencedTranscriptsArchived", unreferenced);
        report.Add("legacySessionEntries", plan.Sessions.Count);
        report.Add("sqliteSessionEntries", sqliteEntries);
        report.Add("transcriptEventsImported", importedEvents);
        report.Add("transcriptArtifactsArchived", archived);
        foreach (var warning in plan.Warnings)
        {
            report.Warnings.Add(warning);
        }
    }

    /// <summary>What an import would read, without writing: entry and transcript-event counts for plain doctor's report.</summary>
    public static (int Entries, int Events)? Inspect(LegacySource source, LegacyImportReport report) =>
        Plan(source, report) is { } plan ? (plan.Sessions.Count, plan.Sessions.Sum(s => s.Events.Count)) : null;

    private static StorePlan? Plan(LegacySource source, LegacyImportReport report)
    {
        var file = LegacyFile.Read(source.Path);
        if (file.TryParse() is not JsonObject index)
        {
            report.Warnings.Add($"Legacy session store is not a JSON object; left in place at {file.Path}");
            return null;
        }

        var sessionsDir = Path.GetDirectoryName(file.Path)!;
        var plan = new StorePlan();
        foreach (var (key, node) in index)
        {
            if (node is not JsonObject entry || Text(entry["sessionId"]) is not { } sessionId || string.IsNullOrWhiteSpace(key))
            {
                plan.Warnings.Add($"Skipped legacy session entry without a sessionId: {key} in {file.Path}");
                continue;
            }

            var transcriptPath = TranscriptPath(sessionsDir, entry, sessionId);
            var events = new List<TranscriptEntry>();
            if (transcriptPath is not null && File.Exists(transcriptPath))
            {
                var malformed = 0;
                foreach (var line in File.ReadLines(transcriptPath))
                {
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    if (TryParseLine(line) is { } parsed)
                    {
                        events.Add(parsed);
                    }
                    else
                    {
                        malformed++;
                    }
                }

                if (malformed > 0)
                {
                    plan.Warnings.Add($"Skipped {malformed} malformed transcript line(s) in {transcriptPath}");
                }
            }

            plan.Sessions.Add(new SessionPlan(key, sessionId, entry, transcriptPath is not null && File.Exists(transcriptPath) ? transcriptPath : null, events));
        }

        return plan;
    }

    /// <summary>The entry's <c>sessionFile</c> (relative to the sessions dir) when set, else <c>&lt;sessionId&gt;.jsonl</c> beside the index.</summary>
    private static string? TranscriptPath(string sessionsDir, JsonObject entry, string sessionId)
    {
        if (Text(entry["sessionFile"]) is { } sessionFile)
        {
            return Path.GetFullPath(Path.IsPathRooted(sessionFile) ? sessionFile : Path.Combine(sessionsDir, sessionFile));
        }

        return SafeFileName().IsMatch(sessionId) ? Path.Combine(sessionsDir, sessionId + ".jsonl") : null;
    }

    private static TranscriptEntry? TryParseLine(string line)
    {
        try
        {
            return TranscriptEntry.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Slug(string raw, int max, string fallback)
    {
        var slug = UnsafeSlugChars().Replace(raw, "_");
        slug = slug.Length > max ? slug[..max] : slug;
        return slug.Length > 0 ? slug : fallback;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex UnsafeSlugChars();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex SafeFileName();

    private sealed record SessionPlan(string Key, string SessionId, JsonObject Entry, string? TranscriptPath, List<TranscriptEntry> Events);

    private sealed class StorePlan
    {
        public List<SessionPlan> Sessions { get; } = [];

        public List<string> Warnings { get; } = [];
    }
}
