using Pincer.Gateway.Agents;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>The live text projection: what of the streamed reply an operator sees so far.</summary>
public sealed class LiveAssistantTextTests
{
    [Theory]
    [InlineData("Crabs live in ", "Crabs live in")]
    [InlineData("Crabs live in\n\n", "Crabs live in")]
    [InlineData("\n  Crabs", "Crabs")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData("Crabs", "Crabs")]
    [InlineData("\n  ```js\nx\n```", "  ```js\nx\n```")]
    [InlineData("  ~~~\ncode", "  ~~~\ncode")]
    [InlineData("  not code", "not code")]
    public void Projects_the_reference_s_live_text(string raw, string expected) =>
        Assert.Equal(expected, LiveAssistantText.Project(raw));

    [Fact]
    public void Untrimmed_text_is_returned_as_is() =>
        Assert.Same("Crabs live.", LiveAssistantText.Project("Crabs live."));
}
