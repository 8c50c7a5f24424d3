using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Channels;

namespace Pincer.Abstractions.Tests.Agents;

public sealed class IdNormalizationTests
{
    [Theory]
    [InlineData(" Work ", "work")]
    [InlineData("My Agent!", "my-agent")]
    [InlineData("---", "main")]
    [InlineData(null, "main")]
    [InlineData("ünïcode", "n-code")]
    [InlineData("\u212Aelvin", "kelvin")]
    public void Agent_ids_normalise_like_the_reference(string? raw, string expected) => Assert.Equal(expected, AgentId.NormalizeValue(raw));

    [Fact]
    public void Agent_ids_are_capped_at_64() => Assert.Equal(new string('a', 64), AgentId.NormalizeValue(new string('a', 70)));

    [Theory]
    [InlineData("Biz", "biz")]
    [InlineData("", "default")]
    [InlineData("__proto__", "default")]
    [InlineData("a b c", "a-b-c")]
    public void Account_ids_normalise_like_the_reference(string? raw, string expected) => Assert.Equal(expected, AccountId.Normalize(raw));

    [Theory]
    [InlineData("DM", ChatType.Direct)]
    [InlineData(" Group ", ChatType.Group)]
    [InlineData("channel", ChatType.Channel)]
    [InlineData("thread", null)]
    public void Chat_types_accept_the_reference_labels(string raw, ChatType? expected) => Assert.Equal(expected, ChatTypes.Normalize(raw));
}
