using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The two transcript facts a list row can show: the first user message (for a derived title, looked
/// for among the first 100 messages) and the last displayable message (the preview, looked for among
/// the last 100). A transcript that is absent or archived to cold storage yields neither.
/// </summary>
internal sealed record TranscriptTitleFields(string? FirstUserMessage, string? LastMessagePreview)
{
    private const int FirstUserProbe = 100;
    private const int LastMessageProbe = 100;

    public static TranscriptTitleFields Empty { get; } = new(null, null);

    public static async Task<TranscriptTitleFields> ReadAsync(ITranscriptStore transcripts, string sessionId, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredTranscriptEntry> entries;
        try
        {
            entries = await transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscriptStorageException)
        {
            return Empty;
        }

        var messages = entries.Where(e => e.Entry.Type == TranscriptEntryTypes.Message).Select(e => e.Entry.Message).ToList();
        string? first = null;
        foreach (var message in messages.Take(FirstUserProbe))
        {
            if (SessionDisplayMessage.Project(message) is { Role: "user" } projected)
            {
                first = projected.Text;
                break;
            }
        }

        string? last = null;
        for (var i = messages.Count - 1; i >= Math.Max(0, messages.Count - LastMessageProbe); i--)
        {
            if (SessionDisplayMessage.Project(messages[i], flattenMarkdown: true) is { } projected)
            {
                last = projected.Text;
                break;
            }
        }

        return new TranscriptTitleFields(first, last);
    }
}
