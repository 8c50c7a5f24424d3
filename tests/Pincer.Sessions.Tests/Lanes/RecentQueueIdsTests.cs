using Microsoft.Extensions.Time.Testing;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

public sealed class RecentQueueIdsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Ids_are_remembered_for_five_minutes()
    {
        var ids = new RecentQueueIds(_time);
        ids.Record("k", new LaneMessage("a"));
        _time.Advance(TimeSpan.FromMilliseconds(299_999));
        Assert.True(ids.Contains("k"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(ids.Contains("k"));
    }

    [Fact]
    public void Release_only_forgets_the_owners_entry()
    {
        var ids = new RecentQueueIds(_time);
        var first = new LaneMessage("a");
        var second = new LaneMessage("a");
        ids.Record("k", first);
        ids.Record("k", second);

        ids.Release("k", first);
        Assert.True(ids.Contains("k"));
        ids.Release("k", second);
        Assert.False(ids.Contains("k"));
    }

    [Fact]
    public void At_most_ten_thousand_ids_oldest_first()
    {
        var ids = new RecentQueueIds(_time);
        for (var i = 0; i <= RecentQueueIds.MaxSize; i++)
        {
            ids.Record($"k{i}", new LaneMessage("a"));
        }
        Assert.Equal(RecentQueueIds.MaxSize, ids.Count);
        Assert.False(ids.Contains("k0"));
        Assert.True(ids.Contains("k1"));
    }

    [Fact]
    public void Keys_need_a_message_id_and_separate_sessions_and_routes()
    {
        Assert.Null(RecentQueueIds.KeyFor("s", new LaneMessage("a")));
        Assert.Null(RecentQueueIds.KeyFor("s", new LaneMessage("a") { MessageId = "  " }));
        var a = RecentQueueIds.KeyFor("s1", new LaneMessage("a") { MessageId = "1", RouteKey = "r" });
        Assert.NotEqual(a, RecentQueueIds.KeyFor("s2", new LaneMessage("a") { MessageId = "1", RouteKey = "r" }));
        Assert.NotEqual(a, RecentQueueIds.KeyFor("s1", new LaneMessage("a") { MessageId = "1", RouteKey = "q" }));
        Assert.Equal(a, RecentQueueIds.KeyFor("s1", new LaneMessage("b") { MessageId = " 1 ", RouteKey = "r" }));
    }
}
