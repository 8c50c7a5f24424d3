using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

public sealed class QueueDirectiveTests
{
    [Fact]
    public void Mode_and_options_become_session_overrides()
    {
        var directive = QueueDirective.Parse(" collect debounce:0.5s cap:25 drop:summarize then the prompt");

        Assert.Equal(" collect debounce:0.5s cap:25 drop:summarize".Length, directive.Consumed);
        Assert.Equal(new QueueOverrides("collect", 500, 25, "summarize"), directive.ToOverrides());
        Assert.Equal(
            new QueueSettings(QueueMode.Collect, 500, 25, QueueDropPolicy.Summarize),
            QueueSettingsResolver.Resolve(null, "telegram", directive.ToOverrides()));
    }

    [Theory]
    [InlineData(" reset")]
    [InlineData(" default")]
    [InlineData(": clear")]
    public void Reset_words_clear_the_stored_options(string args)
    {
        var directive = QueueDirective.Parse(args);
        Assert.True(directive.Reset);
        Assert.Null(directive.ToOverrides());
    }

    [Theory]
    [InlineData("500", 500.0)]
    [InlineData("1.5s", 1500.0)]
    [InlineData("1m30s", 90000.0)]
    [InlineData("2H", 7200000.0)]
    [InlineData("1d", 86400000.0)]
    [InlineData("0.0015s", 2.0)]
    [InlineData("0", null)]
    [InlineData("1h30", null)]
    [InlineData("-5", null)]
    [InlineData("５", null)]
    public void Debounce_durations(string raw, double? expected) => Assert.Equal(expected, QueueDirective.Parse($" debounce:{raw}").DebounceMs);

    [Fact]
    public void An_unknown_first_word_is_reported_as_the_raw_mode()
    {
        var directive = QueueDirective.Parse(" sometimes");
        Assert.Null(directive.Mode);
        Assert.Equal("sometimes", directive.RawMode);
        Assert.False(directive.HasOptions);
    }
}
