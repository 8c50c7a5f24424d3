using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The transcript fact a list row can show: the last displayable message (looked for among the last
/// 100 messages), flattened to one line. A transcript that is absent or in cold storage yields none.
/// </summary>
internal static class TranscriptTitleFields
{
    private const int LastMessageProbe = 100;

    public static async Task<string?> ReadLastMessageAsync(ITranscriptStore transcripts, string sessionId, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredTranscriptEntry> entries;
        try
        {
            entries = await transcripts.ReadAllAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscriptStorageException)
        {
            return null;
        }

        var messages = entries.Where(e => e.Entry.Type == TranscriptEntryTypes.Message).Select(e => e.Entry.Message).ToList();
        for (var i = messages.Count - 1; i >= Math.Max(0, messages.Count - LastMessageProbe); i--)
        {
            if (SessionDisplayMessage.Project(messages[i], flattenMarkdown: true) is { } projected)
            {
                return projected.Text;
            }
        }

        return null;
    }
}
