using System.Text.Json.Nodes;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

public sealed class LaneLimitsTests
{
    [Theory]
    [InlineData("{}", 1, 8, 8)]
    [InlineData("{}", 2, 8, 8)]
    [InlineData("{}", 3, 12, 8)]
    [InlineData("{}", 16, 64, 8)]
    [InlineData("""{"agents":{"defaults":{"maxConcurrent":3}}}""", 16, 3, 8)]
    [InlineData("""{"agents":{"defaults":{"maxConcurrent":2.7,"subagents":{"maxConcurrent":4}}}}""", 16, 2, 4)]
    [InlineData("""{"agents":{"defaults":{"maxConcurrent":0,"subagents":{"maxConcurrent":-1}}}}""", 16, 1, 1)]
    [InlineData("""{"agents":{"defaults":{"maxConcurrent":"4"}}}""", 2, 8, 8)]
    public void Defaults_and_clamping(string json, int processors, int main, int subagent)
    {
        var limits = LaneLimits.Resolve(JsonNode.Parse(json), processors);
        Assert.Equal(new LaneLimits(main, subagent), limits);
        Assert.Equal(subagent, limits.For(GlobalLane.Subagent));
    }
}
