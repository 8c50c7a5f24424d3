using System.Text.Json.Nodes;
using Pincer.Config.Defaults;

namespace Pincer.Config.Tests.Defaults;

public sealed class ConfigDefaultsTests
{
    // Both expectations were captured from the reference's config.get (runtimeConfig / sourceConfig).
    [Fact]
    public void MinimalConfigGainsReferenceRuntimeDefaults()
    {
        var input = JsonNode.Parse("""{"update":{"checkOnStart":false},"models":{"catalogRefresh":{"enabled":false}}}""");
        var expected = JsonNode.Parse("""
            {"update":{"checkOnStart":false},"models":{"catalogRefresh":{"enabled":false}},
             "agents":{"entries":{"main":{}},"defaults":{"maxConcurrent":8,"subagents":{"maxConcurrent":8,"archiveAfterMinutes":60},"compaction":{"mode":"safeguard"}}},
             "commands":{"native":"auto","nativeSkills":"auto","restart":true},
             "messages":{"ackReactionScope":"group-mentions"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, ConfigDefaults.ApplyRuntimeDefaults(input)));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"update":{"checkOnStart":false},"models":{"catalogRefresh":{"enabled":false}},"agents":{"entries":{"main":{}}}}"""),
            ConfigDefaults.ApplySourceDefaults(input)));
        Assert.False(input!.AsObject().ContainsKey("agents"));
    }

    [Fact]
    public void UserValuesWinAndExistingRosterIsKept()
    {
        var input = JsonNode.Parse("""
            {"agents":{"ownership":"explicit","entries":{"work":{"name":"W"},"home":{}},"defaults":{"maxConcurrent":3,"subagents":{"maxConcurrent":2},"compaction":{"mode":"default"}}},
             "commands":{"native":false},"messages":{"ackReactionScope":"all"}}
            """);
        var expected = JsonNode.Parse("""
            {"agents":{"ownership":"explicit","defaults":{"compaction":{"mode":"default"},"maxConcurrent":3,"subagents":{"maxConcurrent":2,"archiveAfterMinutes":60}},"entries":{"work":{"name":"W"},"home":{}}},
             "messages":{"ackReactionScope":"all"},"commands":{"native":false,"nativeSkills":"auto","restart":true}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, ConfigDefaults.ApplyRuntimeDefaults(input)));
    }
}
