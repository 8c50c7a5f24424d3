using System.Text.Json.Nodes;
using Pincer.Sessions.Store;

namespace Pincer.Sessions.Tests.Store;

public sealed class SessionEntryTests
{
    private const string ReferenceRow = """{"sessionId":"4cd31c88-09a2-4b49-adab-c3b8e52796bb","lifecycleRevision":"547fdf89-6d24-488a-933f-27ed74157b30","updatedAt":1795504137260,"sessionRoot":"/tmp/w","label":"Hello","delivery":{"kind":"none"},"createdVia":"operator","createdAt":1795504132586,"sessionDiffBaselineCapture":{"version":1,"captureId":"e85c7e27","status":"pending"},"spawnDepth":0,"modelOverrideSource":"default","parentSessionKey":"agent:main:main","thinkingLevel":"low"}""";

    [Fact]
    public void Typed_fields_read_a_reference_row()
    {
        var entry = SessionEntry.Parse(ReferenceRow)!;

        Assert.Equal("4cd31c88-09a2-4b49-adab-c3b8e52796bb", entry.SessionId);
        Assert.Equal(1795504137260, entry.UpdatedAt);
        Assert.Equal(1795504132586, entry.CreatedAt);
        Assert.Equal(("Hello", "low", "operator", "default"), (entry.Label, entry.ThinkingLevel, entry.CreatedVia, entry.ModelOverrideSource));
        Assert.Equal("547fdf89-6d24-488a-933f-27ed74157b30", entry.LifecycleRevision);
        Assert.Equal("none", entry.Delivery!["kind"]!.GetValue<string>());
        Assert.Null(entry.DisplayName);
        Assert.Null(entry.TotalTokens);
    }

    [Fact]
    public void Unknown_fields_and_order_survive_edits()
    {
        var entry = SessionEntry.Parse(ReferenceRow)!;

        entry.Label = "Renamed";
        entry.TotalTokens = 1234;
        entry.ThinkingLevel = null;

        var expected = ReferenceRow.Replace("\"label\":\"Hello\"", "\"label\":\"Renamed\"", StringComparison.Ordinal)
            .Replace(",\"thinkingLevel\":\"low\"}", ",\"totalTokens\":1234}", StringComparison.Ordinal);
        Assert.Equal(expected, entry.Json.ToJsonString());
    }

    [Fact]
    public void Fields_of_the_wrong_type_read_as_absent()
    {
        var entry = SessionEntry.Parse("""{"sessionId":42,"updatedAt":"soon","label":null,"inputTokens":12.9,"delivery":"x"}""")!;

        Assert.Null(entry.SessionId);
        Assert.Null(entry.UpdatedAt);
        Assert.Null(entry.Label);
        Assert.Equal(12, entry.InputTokens);
        Assert.Null(entry.Delivery);
    }

    [Fact]
    public void Clone_is_deep()
    {
        var entry = new SessionEntry { SessionId = "s", Origin = new JsonObject { ["channel"] = "telegram" } };
        var copy = entry.Clone();

        copy.Origin!["channel"] = "discord";
        copy.SessionId = "t";

        Assert.Equal(("s", "telegram"), (entry.SessionId, entry.Origin!["channel"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Non_objects_do_not_parse(string json) => Assert.Null(SessionEntry.Parse(json));
}
