using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// The list order: by <c>updatedAt</c> pinned sessions come first (latest pin first); then the chosen
/// timestamp, newest first; ties by key in UTF-16 order.
/// </summary>
internal static class SessionListOrder
{
    public static int Compare(SessionRecord a, SessionRecord b, string sortBy)
    {
        if (sortBy == "updatedAt")
        {
            var pa = PinnedAt(a);
            var pb = PinnedAt(b);
            if (pa != pb)
            {
                return pb.CompareTo(pa);
            }
        }

        var ta = Timestamp(a.Entry, sortBy);
        var tb = Timestamp(b.Entry, sortBy);
        if (ta != tb)
        {
            return tb.CompareTo(ta);
        }

        return string.CompareOrdinal(a.SessionKey, b.SessionKey);
    }

    /// <summary>The activity time: the later of last activity/interaction, else updated, else created.</summary>
    public static double ActivityTimestamp(SessionEntry entry)
    {
        var activity = Positive(entry.LastActivityAt);
        var interaction = Positive(entry.LastInteractionAt);
        if (activity is not null || interaction is not null)
        {
            return Math.Max(activity ?? 0, interaction ?? 0);
        }

        return Positive(entry.UpdatedAt) ?? Positive(entry.CreatedAt) ?? 0;
    }

    private static double Timestamp(SessionEntry entry, string sortBy) => sortBy switch
    {
        "activity" => ActivityTimestamp(entry),
        "lastInteractionAt" => entry.LastInteractionAt ?? 0,
        _ => entry.UpdatedAt ?? 0,
    };

    private static double PinnedAt(SessionRecord record) =>
        record.Entry.PinnedAt is { } pinned && SessionRowProjector.IsPinnable(record.SessionKey, record.Entry) ? pinned : 0;

    private static double? Positive(long? value) => value is > 0 ? value : null;
}
