using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>
/// Cap, drop and drain order. The expected turn lists are what the reference's followup queue produced for the
/// same input (enqueue n messages while busy, then drain), see <see cref="ReferenceQueueParityTests"/>.
/// </summary>
public sealed class LaneQueueTests
{
    internal static LaneMessage Msg(int i, string? route = "telegram:123", string? sender = null) =>
        new($"msg {i}  with   spaces\n") { MessageId = $"m{i}", RouteKey = route, SenderLabel = sender, RunId = $"run{i}", Sequence = i };

    internal static (List<string> Turns, List<LaneMessage> Discarded, int Refused) Run(QueueSettings settings, IEnumerable<LaneMessage> messages)
    {
        var queue = new LaneQueue(settings);
        var discarded = new List<LaneMessage>();
        var refused = 0;
        foreach (var m in messages)
        {
            if (!queue.TryAdd(m, 0, discarded)) refused++;
        }
        var turns = new List<string>();
        while (queue.TakeNext() is { } turn)
        {
            turns.Add(turn.Prompt);
        }
        Assert.True(queue.IsEmpty);
        return (turns, discarded, refused);
    }

    private static QueueSettings S(QueueMode mode, int cap, QueueDropPolicy drop) => new(mode, 0, cap, drop);

    [Fact]
    public void Followup_summarize_delivers_the_summary_first_then_the_survivors()
    {
        var (turns, discarded, _) = Run(S(QueueMode.Followup, 2, QueueDropPolicy.Summarize), Enumerable.Range(1, 5).Select(i => Msg(i)));
        Assert.Equal(
            ["[Queue overflow] Dropped 3 messages due to cap.\nSummary:\n- msg 2 with spaces\n- msg 3 with spaces", "msg 4  with   spaces\n", "msg 5  with   spaces\n"],
            turns);
        Assert.Empty(discarded);
    }

    [Fact]
    public void Single_drop_uses_the_singular()
    {
        var (turns, _, _) = Run(S(QueueMode.Followup, 2, QueueDropPolicy.Summarize), Enumerable.Range(1, 3).Select(i => Msg(i)));
        Assert.Equal("[Queue overflow] Dropped 1 message due to cap.\nSummary:\n- msg 1 with spaces", turns[0]);
        Assert.Equal(3, turns.Count);
    }

    [Fact]
    public void Summary_remembers_at_most_twice_the_cap()
    {
        var (turns, discarded, _) = Run(S(QueueMode.Followup, 2, QueueDropPolicy.Summarize), Enumerable.Range(1, 9).Select(i => Msg(i)));
        Assert.Equal(
            ["[Queue overflow] Dropped 4 messages due to cap.\nSummary:\n- msg 6 with spaces\n- msg 7 with spaces", "msg 8  with   spaces\n", "msg 9  with   spaces\n"],
            turns);
        Assert.Equal(["m1", "m2", "m3"], discarded.Select(d => d.MessageId));
    }

    [Fact]
    public void Old_drops_the_oldest_silently()
    {
        var (turns, discarded, refused) = Run(S(QueueMode.Followup, 2, QueueDropPolicy.Old), Enumerable.Range(1, 5).Select(i => Msg(i)));
        Assert.Equal(["msg 4  with   spaces\n", "msg 5  with   spaces\n"], turns);
        Assert.Equal(["m1", "m2", "m3"], discarded.Select(d => d.MessageId));
        Assert.Equal(0, refused);
    }

    [Fact]
    public void New_refuses_the_newcomer()
    {
        var (turns, discarded, refused) = Run(S(QueueMode.Followup, 2, QueueDropPolicy.New), Enumerable.Range(1, 5).Select(i => Msg(i)));
        Assert.Equal(["msg 1  with   spaces\n", "msg 2  with   spaces\n"], turns);
        Assert.Empty(discarded);
        Assert.Equal(3, refused);
    }

    [Fact]
    public void Collect_summarize_sends_the_summary_then_one_collected_turn()
    {
        var (turns, _, _) = Run(S(QueueMode.Collect, 2, QueueDropPolicy.Summarize), Enumerable.Range(1, 5).Select(i => Msg(i)));
        Assert.Equal(
            [
                "[Queue overflow] Dropped 3 messages due to cap.\nSummary:\n- msg 2 with spaces\n- msg 3 with spaces",
                "[Queued messages while agent was busy]\n\n---\nQueued #1\nmsg 4  with   spaces\n\n---\nQueued #2\nmsg 5  with   spaces",
            ],
            turns);
    }

    [Fact]
    public void Collect_with_different_routes_drains_one_by_one()
    {
        var (turns, _, _) = Run(S(QueueMode.Collect, 20, QueueDropPolicy.Summarize), [Msg(1, "telegram:1"), Msg(2, "discord:2"), Msg(3, "telegram:1")]);
        Assert.Equal(["msg 1  with   spaces\n", "msg 2  with   spaces\n", "msg 3  with   spaces\n"], turns);
    }

    [Fact]
    public void Collect_without_a_route_is_not_cross_route_but_is_its_own_group()
    {
        var (turns, _, _) = Run(S(QueueMode.Collect, 20, QueueDropPolicy.Summarize), [Msg(1, null), Msg(2, null), Msg(3, "telegram:1")]);
        Assert.Equal(2, turns.Count);
        Assert.All(turns, t => Assert.StartsWith(QueuePrompts.CollectTitle, t, StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_groups_only_adjacent_messages_of_one_context()
    {
        var queue = new LaneQueue(S(QueueMode.Collect, 20, QueueDropPolicy.Summarize));
        var discarded = new List<LaneMessage>();
        queue.TryAdd(new LaneMessage("a") { RouteKey = "r", ContextKey = "alice" }, 0, discarded);
        queue.TryAdd(new LaneMessage("b") { RouteKey = "r", ContextKey = "alice" }, 0, discarded);
        queue.TryAdd(new LaneMessage("c") { RouteKey = "r", ContextKey = "bob" }, 0, discarded);

        var first = queue.TakeNext()!;
        var second = queue.TakeNext()!;

        Assert.Equal(LaneTurnKind.Collected, first.Kind);
        Assert.Equal(["a", "b"], first.Sources.Select(s => s.Text));
        Assert.Equal(LaneTurnKind.Collected, second.Kind);
        Assert.Equal("[Queued messages while agent was busy]\n\n---\nQueued #1\nc", second.Prompt);
        Assert.Null(queue.TakeNext());
    }

    [Fact]
    public void Duplicates_are_recognized_by_message_id_and_route()
    {
        var queue = new LaneQueue(QueueSettings.Default);
        queue.TryAdd(Msg(1, "telegram:1"), 0, []);
        Assert.True(queue.IsDuplicate(Msg(1, "telegram:1")));
        Assert.False(queue.IsDuplicate(Msg(1, "discord:1")));
        Assert.False(queue.IsDuplicate(new LaneMessage("no id") { RouteKey = "telegram:1" }));
    }

    [Fact]
    public void Remove_withdraws_queued_and_summarized_messages_by_run_id()
    {
        var queue = new LaneQueue(S(QueueMode.Followup, 1, QueueDropPolicy.Summarize));
        var discarded = new List<LaneMessage>();
        queue.TryAdd(Msg(1), 0, discarded);
        queue.TryAdd(Msg(2), 0, discarded);
        Assert.Equal(1, queue.DroppedCount);

        Assert.Single(queue.Remove("run1"));
        Assert.Single(queue.Remove("run2"));
        Assert.True(queue.IsEmpty);
    }
}
