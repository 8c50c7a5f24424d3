using Pincer.Agents.Models;

namespace Pincer.Gateway.Tests.Agents;

public sealed class RetryHintsTests
{
    [Theory]
    [InlineData("Rate limit reached … Please try again in 20s.", 20_000)]
    [InlineData("please try again in 1.5 seconds", 1_500)]
    [InlineData("Try again in 250ms", 250)]
    [InlineData("try again in 2 minutes", 120_000)]
    public void The_try_again_hint_of_a_message_is_read(string message, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), RetryHints.FromMessage(message));

    [Theory]
    [InlineData("The server had an error while processing your request.")]
    [InlineData("")]
    [InlineData(null)]
    public void A_message_without_a_hint_has_none(string? message) => Assert.Null(RetryHints.FromMessage(message));
}
