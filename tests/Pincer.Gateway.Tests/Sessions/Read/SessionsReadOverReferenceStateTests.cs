using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Sessions.Read;

/// <summary>
/// The read methods over a state dir the reference wrote, over a real WebSocket. Expected values are
/// the reference's own answers on the same dir (recorded by the parity scenarios sessions/read-*).
/// </summary>
public sealed class SessionsReadOverReferenceStateTests(ReferenceStateGatewayFixture gateway) : IClassFixture<ReferenceStateGatewayFixture>
{
    private const string IncidentSessionId = "57b8dc4f-4c45-4eb1-b0e7-a646d2aa4728";

    [Fact]
    public async Task ListOrdersPinnedFirstThenNewestAndHidesArchived()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var list = (await client.CallOkAsync("sessions.list", new JsonObject()))!.AsObject();
        Assert.Equal(["agent:main:empty", "agent:main:task", "agent:main:notes", "agent:main:quiet", "agent:main:incident-42"], Keys(list));
        Assert.Equal(gateway.DatabasePath, (string?)list["path"]);
        Assert.Equal(5, (int)list["totalCount"]!);
        Assert.Equal(100, (int)list["limitApplied"]!);
        Assert.Null(list["nextOffset"]);
        Assert.Equal("gpt-6-astra", (string?)list["defaults"]!["model"]);
        Assert.Equal(200000, (int)list["defaults"]!["contextTokens"]!);
        var empty = list["sessions"]![0]!.AsObject();
        Assert.True((bool)empty["pinned"]!);
        Assert.Equal("custom", (string?)empty["classification"]);
        Assert.Equal("admin", (string?)empty["sharingRole"]);
    }

    [Theory]
    [InlineData(2, 0, new[] { "agent:main:empty", "agent:main:task" }, 2)]
    [InlineData(2, 2, new[] { "agent:main:notes", "agent:main:quiet" }, 4)]
    [InlineData(2, 4, new[] { "agent:main:incident-42" }, null)]
    public async Task ListPagesWithOffsetAndReportsWhatIsLeft(int limit, int offset, string[] keys, int? nextOffset)
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var list = (await client.CallOkAsync("sessions.list", new JsonObject { ["limit"] = limit, ["offset"] = offset }))!.AsObject();
        Assert.Equal(keys, Keys(list));
        Assert.Equal(nextOffset, (int?)list["nextOffset"]);
        Assert.Equal(nextOffset is not null, (bool)list["hasMore"]!);
        Assert.Equal(offset > 0, list.ContainsKey("offset"));
    }

    [Theory]
    [InlineData("""{"archived":true}""", new[] { "agent:main:old" })]
    [InlineData("""{"archived":"all","label":"Notes"}""", new[] { "agent:main:notes" })]
    [InlineData("""{"pinned":true}""", new[] { "agent:main:empty" })]
    [InlineData("""{"search":"incid"}""", new[] { "agent:main:incident-42" })]
    [InlineData("""{"agentId":"ops"}""", new string[0])]
    public async Task ListFilters(string parameters, string[] keys)
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var list = (await client.CallOkAsync("sessions.list", JsonNode.Parse(parameters)))!.AsObject();
        Assert.Equal(keys, Keys(list));
    }

    [Fact]
    public async Task ListShowsTheLastMessageFlattenedToOneLine()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var list = (await client.CallOkAsync("sessions.list", new JsonObject { ["includeLastMessage"] = true, ["includeDerivedTitles"] = true }))!.AsObject();
        var quiet = list["sessions"]!.AsArray().Single(s => (string?)s!["key"] == "agent:main:quiet")!;
        Assert.Equal("Sure — here is a short plan: Check the logs Fix the bug", (string?)quiet["lastMessagePreview"]);
        var notes = list["sessions"]!.AsArray().Single(s => (string?)s!["key"] == "agent:main:notes")!;
        Assert.Equal("Notes", (string?)notes["derivedTitle"]);
        Assert.Equal("[todo] Second note", (string?)notes["lastMessagePreview"]);
        Assert.False(notes.AsObject().ContainsKey("participants"));

        // Who prompted the session comes from the store's participant rows, placed after createdVia.
        Assert.Equal("""[{"identity":{"type":"observation","pluginId":null,"accountId":null,"senderKind":"unknown","id":"cli"}}]""", quiet["participants"]!.ToJsonString());
        Assert.Equal(1, (int)quiet["participantCount"]!);
        var names = quiet.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(names.IndexOf("createdVia") + 1, names.IndexOf("participants"));
    }

    [Fact]
    public async Task HistoryProjectsMessagesWithPositionsAndACursor()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var history = (await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = "incident-42" }))!.AsObject();
        Assert.Equal(IncidentSessionId, (string?)history["sessionId"]);
        var messages = history["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal([1L, 2L, 3L, 4L], messages.Select(m => (long)m!["__openclaw"]!["seq"]!));
        Assert.Equal([1L, 4L, 6L, 7L], messages.Select(m => (long)m!["__openclaw"]!["transcriptPosition"]!["rawSeq"]!));
        Assert.Equal(4, (int)history["totalMessages"]!);
        Assert.False((bool)history["hasMore"]!);

        var cursor = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlDecode((string)history["deltaCursor"]!)))!.AsObject();
        Assert.Equal(["agentId", "generation", "lastSeq", "sessionId", "version"], cursor.Select(p => p.Key));
        Assert.Equal(8, (int)cursor["lastSeq"]!);

        // The display source hashes the store path with the transcript generation, like the reference.
        var parts = new JsonArray("sqlite", gateway.DatabasePath, "main", IncidentSessionId, (string)cursor["generation"]!).ToJsonString();
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, (string?)messages[0]!["__openclaw"]!["transcriptPosition"]!["source"]);
    }

    [Fact]
    public async Task HistoryPagesFromTheNewestAndCapsText()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var page = (await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = "incident-42", ["limit"] = 2, ["offset"] = 1 }))!.AsObject();
        Assert.Equal([2L, 3L], page["messages"]!.AsArray().Select(m => (long)m!["__openclaw"]!["seq"]!));
        Assert.Equal(1, (int)page["offset"]!);
        Assert.Equal(3, (int)page["nextOffset"]!);
        Assert.False(page.ContainsKey("deltaCursor"));

        var capped = (await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = "incident-42", ["maxChars"] = 10 }))!.AsObject();
        var first = capped["messages"]![0]!;
        Assert.Equal("fix the lo\n...(truncated)...", (string?)first["content"]);
        Assert.True((bool)first["__openclaw"]!["truncated"]!);
        Assert.Equal("display-cap", (string?)first["__openclaw"]!["reason"]);
    }

    [Fact]
    public async Task MessageGetFindsVisibleMessagesOnly()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var found = (await client.CallOkAsync("chat.message.get", new JsonObject { ["sessionKey"] = "notes", ["messageId"] = "017bfbe5-ec72-4f09-a9eb-3ffc06772eea" }))!.AsObject();
        Assert.True((bool)found["ok"]!);
        Assert.Equal("assistant", (string?)found["message"]!["role"]);
        var missing = (await client.CallOkAsync("chat.message.get", new JsonObject { ["sessionKey"] = "notes", ["messageId"] = "zzz" }))!.AsObject();
        Assert.Equal("""{"ok":false,"unavailableReason":"not_found"}""", missing.ToJsonString());
    }

    [Fact]
    public async Task PreviewReportsAStatusPerKey()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var preview = (await client.CallOkAsync("sessions.preview", new JsonObject { ["keys"] = new JsonArray("incident-42", "empty", "nope") }))!.AsObject();
        var previews = preview["previews"]!.AsArray();
        Assert.Equal(["ok", "empty", "missing"], previews.Select(p => (string)p!["status"]!));
        Assert.Equal(4, previews[0]!["items"]!.AsArray().Count);
        Assert.Equal("incident-42", (string?)previews[0]!["key"]);
    }

    [Theory]
    [InlineData("""{"key":"incident-42"}""", """{"ok":true,"key":"agent:main:incident-42","agentId":"main"}""")]
    [InlineData("""{"label":"Notes"}""", """{"ok":true,"key":"agent:main:notes","agentId":"main"}""")]
    [InlineData("""{"sessionId":"ae8e572e-30a1-4612-ac5a-81d99465e5b2"}""", """{"ok":true,"key":"agent:main:task","agentId":"main"}""")]
    [InlineData("""{"key":"nope","allowMissing":true}""", """{"ok":false}""")]
    public async Task ResolveFindsOneSession(string parameters, string expected)
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var resolved = await client.CallOkAsync("sessions.resolve", JsonNode.Parse(parameters));
        Assert.Equal(expected, resolved!.ToJsonString());
    }

    [Theory]
    [InlineData("sessions.resolve", """{}""", "Either key, sessionId, label, shortId, or reference is required")]
    [InlineData("sessions.resolve", """{"key":"a","label":"b"}""", "Provide either key, sessionId, label, shortId, or reference (not multiple)")]
    [InlineData("sessions.resolve", """{"key":"nope"}""", "No session found: nope")]
    [InlineData("sessions.resolve", """{"shortId":"zz"}""", "shortId must be 8-32 hexadecimal characters")]
    [InlineData("sessions.describe", """{"key":"x","agentId":"ops"}""", "Unknown agent id \"ops\"")]
    [InlineData("sessions.describe", """{"key":"  "}""", "key required")]
    [InlineData("chat.history", """{"sessionKey":"agent:"}""", "malformed session key \"agent:\"")]
    [InlineData("chat.history", """{"sessionKey":"x","sessionId":"s"}""", "sessionId requires messageId")]
    [InlineData("chat.history", """{"sessionKey":"x","offset":1,"messageId":"m"}""", "offset and messageId cannot be used together")]
    public async Task RefusalsCarryTheReferenceMessages(string method, string parameters, string message)
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        var response = await client.RequestAsync(method, JsonNode.Parse(parameters));
        Assert.False((bool)response["ok"]!);
        Assert.Equal("INVALID_REQUEST", (string?)response["error"]!["code"]);
        Assert.Equal(message, (string?)response["error"]!["message"]);
    }

    [Fact]
    public async Task DescribeAnswersNullForAnUnknownKeyAndARowOtherwise()
    {
        await using var client = await gateway.ConnectAsync(ConnectParams.AllScopes);
        Assert.Equal("""{"session":null}""", (await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = "nope" }))!.ToJsonString());
        var row = (await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = "old" }))!["session"]!.AsObject();
        Assert.True((bool)row["archived"]!);
        Assert.Equal("Old work", (string?)row["displayName"]);
        Assert.Equal("stale", (string?)row["activitySummary"]!["state"]);
        Assert.False(row.ContainsKey("hasActiveRun"));
    }

    private static List<string> Keys(JsonObject list) => [.. list["sessions"]!.AsArray().Select(s => (string)s!["key"]!)];

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
