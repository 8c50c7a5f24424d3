using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>Expected texts were produced by the reference's own queue and drain modules (openclaw@2026.9.6).</summary>
public sealed class QueuePromptsTests
{
    [Fact]
    public void Collect_numbers_blocks_and_names_senders()
    {
        var messages = Enumerable.Range(1, 3).Select(i => new LaneMessage($"msg {i}  with   spaces\n") { SenderLabel = "Alice" }).ToList();
        Assert.Equal(
            "[Queued messages while agent was busy]\n\n---\nQueued #1 (from Alice)\nmsg 1  with   spaces\n\n---\nQueued #2 (from Alice)\nmsg 2  with   spaces\n\n---\nQueued #3 (from Alice)\nmsg 3  with   spaces",
            QueuePrompts.Collect(messages));
    }

    [Fact]
    public void Collect_of_one_keeps_the_frame()
    {
        Assert.Equal("[Queued messages while agent was busy]\n\n---\nQueued #1\nmsg 1  with   spaces", QueuePrompts.Collect([new LaneMessage("msg 1  with   spaces\n")]));
    }

    [Theory]
    [InlineData(1, new[] { "msg 1 with spaces" }, "[Queue overflow] Dropped 1 message due to cap.\nSummary:\n- msg 1 with spaces")]
    [InlineData(3, new[] { "a", "b" }, "[Queue overflow] Dropped 3 messages due to cap.\nSummary:\n- a\n- b")]
    [InlineData(2, new string[0], "[Queue overflow] Dropped 2 messages due to cap.")]
    public void Overflow_summary(int count, string[] lines, string expected) => Assert.Equal(expected, QueuePrompts.OverflowSummary(count, lines));

    [Fact]
    public void Summary_line_collapses_whitespace_and_cuts_at_160_with_ellipsis()
    {
        Assert.Equal("a b c", QueuePrompts.SummaryLine("  a \n\t b\u00A0\uFEFFc  "));
        var exact = new string('x', 160);
        Assert.Equal(exact, QueuePrompts.SummaryLine(exact));
        // The cut lands on the collapsed space, which is trimmed before the ellipsis.
        Assert.Equal(new string('x', 158) + "…", QueuePrompts.SummaryLine(new string('x', 158) + "   yyyy"));
        Assert.Equal(new string('x', 157) + " z…", QueuePrompts.SummaryLine(new string('x', 157) + " \u3000" + new string('z', 10)));
    }

    [Fact]
    public void Summary_line_does_not_split_a_surrogate_pair()
    {
        var text = new string('x', 158) + "😀" + "tail";
        Assert.Equal(new string('x', 158) + "…", QueuePrompts.SummaryLine(text));
    }

    [Fact]
    public void U0085_is_not_whitespace_to_the_reference()
    {
        Assert.Equal("a\u0085b", QueuePrompts.SummaryLine(" a\u0085b "));
    }
}
