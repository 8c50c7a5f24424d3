using System.Text.Json.Nodes;
using Pincer.Sessions.Transcripts;

namespace Pincer.Sessions.Tests.Transcripts;

public sealed class TranscriptEntryTests
{
    [Fact]
    public void Header_is_the_reference_header()
    {
        var header = TranscriptEntry.CreateHeader("sid", DateTimeOffset.FromUnixTimeMilliseconds(1795504132587), "/w");

        // Same text the reference stored for its own header (session-accessor's createSessionTranscriptHeader).
        Assert.Equal("""{"type":"session","version":4,"id":"sid","timestamp":"2026-11-24T07:08:52.587Z","cwd":"/w"}""", header.Json.ToJsonString());
        Assert.True(header.IsHeader);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795504132587), header.Timestamp);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"plain"}""", "user", "plain")]
    [InlineData("""{"role":"assistant","content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"a"},{"type":"toolCall","id":"t","name":"n","arguments":{}},{"type":"text","text":"b"}]}""", "assistant", "a\nb")]
    [InlineData("""{"role":"toolResult","toolCallId":"t","content":[{"type":"image","data":"x","mimeType":"image/png"}]}""", "toolResult", null)]
    public void Message_accessors_read_role_and_text(string message, string role, string? text)
    {
        var entry = TranscriptEntry.CreateMessage("m1", "p0", DateTimeOffset.UnixEpoch, JsonNode.Parse(message)!.AsObject());

        Assert.Equal((TranscriptEntryTypes.Message, "m1", "p0"), (entry.Type, entry.Id, entry.ParentId));
        Assert.Equal(role, entry.Role);
        Assert.Equal(text, entry.Text);
    }

    [Fact]
    public void Unknown_kinds_round_trip_verbatim()
    {
        const string json = """{"type":"x-new-kind","id":"e","parentId":null,"timestamp":1795504132886,"anything":{"deep":[1,"ü"]}}""";
        var entry = TranscriptEntry.Parse(json)!;

        Assert.Equal(json, entry.Json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Null(entry.ParentId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795504132886), entry.Timestamp);
        Assert.False(TranscriptEntryTypes.IsCanonical(entry.Type));
        Assert.True(TranscriptEntryTypes.IsCanonical(TranscriptEntryTypes.Compaction));
    }

    [Fact]
    public void Timestamps_format_like_javascript_toISOString()
    {
        Assert.Equal("2026-01-02T03:04:05.060Z", TranscriptEntry.FormatTimestamp(new DateTimeOffset(2026, 1, 2, 4, 4, 5, 60, TimeSpan.FromHours(1))));
    }
}
