using System.Globalization;
using System.Text;
using Pincer.Abstractions.Text;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// The fixed texts a queue puts in front of the model. Their markers, numbering and layout are the
/// reference's, because transcripts and models written against it expect them.
/// </summary>
public static class QueuePrompts
{
    /// <summary>Heading of a collected turn.</summary>
    public const string CollectTitle = "[Queued messages while agent was busy]";

    /// <summary>Longest summary line, in UTF-16 code units, before it is cut with an ellipsis.</summary>
    public const int SummaryLineLimit = 160;

    /// <summary>
    /// A collected turn: the title, then one block per message (<c>---</c>, <c>Queued #n</c> with an optional
    /// <c>(from sender)</c>, the text), blocks separated by a blank line.
    /// </summary>
    public static string Collect(IReadOnlyList<LaneMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sb = new StringBuilder(CollectTitle);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var sender = string.IsNullOrEmpty(m.SenderLabel) ? string.Empty : $" (from {m.SenderLabel})";
            sb.Append("\n\n").Append(JsText.Trim($"---\nQueued #{(i + 1).ToString(CultureInfo.InvariantCulture)}{sender}\n{m.Text}"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The synthetic turn for messages dropped at the cap:
    /// <c>[Queue overflow] Dropped N message(s) due to cap.</c>, then <c>Summary:</c> and one <c>- line</c> each.
    /// </summary>
    public static string OverflowSummary(int droppedCount, IReadOnlyList<string> summaryLines)
    {
        ArgumentNullException.ThrowIfNull(summaryLines);
        var noun = droppedCount == 1 ? "message" : "messages";
        var sb = new StringBuilder()
            .Append("[Queue overflow] Dropped ").Append(droppedCount.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(noun).Append(" due to cap.");
        if (summaryLines.Count > 0)
        {
            sb.Append("\nSummary:");
            foreach (var line in summaryLines)
            {
                sb.Append("\n- ").Append(line);
            }
        }
        return sb.ToString();
    }

    /// <summary>One dropped message as a summary line: whitespace runs collapsed, cut at 160 units with <c>…</c>.</summary>
    public static string SummaryLine(string text, int limit = SummaryLineLimit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = JsText.Trim(QueueText.CollapseWhitespace(text));
        if (cleaned.Length <= limit)
        {
            return cleaned;
        }
        var cut = Math.Max(0, limit - 1);
        if (cut > 0 && cut < cleaned.Length && char.IsHighSurrogate(cleaned[cut - 1]) && char.IsLowSurrogate(cleaned[cut]))
        {
            cut--;
        }
        return QueueText.TrimEnd(cleaned[..cut]) + "…";
    }
}
