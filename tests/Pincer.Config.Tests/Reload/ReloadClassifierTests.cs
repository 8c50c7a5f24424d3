using System.Text.Json.Nodes;
using Pincer.Config.Reload;

namespace Pincer.Config.Tests.Reload;

// Kinds observed as reloadKind on the live reference (no channel configured).
public sealed class ReloadClassifierTests
{
    [Theory]
    [InlineData("gateway.port", ReloadKind.Restart)]
    [InlineData("gateway.auth.token", ReloadKind.Restart)]
    [InlineData("gateway.reload.mode", ReloadKind.None)]
    [InlineData("agents.defaults", ReloadKind.Hot)]
    [InlineData("agents.defaults.workspace", ReloadKind.Hot)]
    [InlineData("agents.entries.main.name", ReloadKind.Hot)]
    [InlineData("browser", ReloadKind.Restart)]
    [InlineData("browser.enabled", ReloadKind.Hot)]
    [InlineData("browser.profiles.x", ReloadKind.Hot)]
    [InlineData("commands.native", ReloadKind.None)]
    [InlineData("messages.ackReactionScope", ReloadKind.None)]
    [InlineData("channels.telegram.dmPolicy", ReloadKind.Hot)]
    [InlineData("plugins.entries.telegram", ReloadKind.Hot)]
    [InlineData("session.scope", ReloadKind.Hot)]
    [InlineData("meta.lastTouchedVersion", ReloadKind.None)]
    [InlineData("tools.profile", ReloadKind.Hot)]
    [InlineData("somethingElse", ReloadKind.Restart)]
    [InlineData("plugins.installs.x.installedAt", ReloadKind.None)]
    public void ClassifiesLikeReference(string path, ReloadKind kind) => Assert.Equal(kind, ReloadClassifier.KindOf(path));

    [Fact]
    public void DiffReportsLeavesAndWholeArrays()
    {
        var before = JsonNode.Parse("""{"gateway":{"port":1,"bind":"loopback"},"bindings":[1],"x":null}""");
        var after = JsonNode.Parse("""{"gateway":{"port":2,"bind":"loopback"},"bindings":[2],"tools":{"profile":"full"}}""");
        Assert.Equal(["gateway.port", "bindings", "x", "tools"], ConfigDiff.ChangedPaths(before, after));
        Assert.Equal(["<root>"], ConfigDiff.ChangedPaths(JsonValue.Create(1), JsonValue.Create(2)));
        var decisions = ReloadClassifier.Classify(["gateway.port", "tools"]);
        Assert.Equal(ReloadKind.Restart, ReloadClassifier.Combine(decisions));
    }
}
