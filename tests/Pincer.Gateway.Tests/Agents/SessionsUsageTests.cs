using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary><c>sessions.usage</c> on a real gateway after real turns: rows, per-session summaries, aggregates and refusals.</summary>
public sealed class SessionsUsageTests(ModelGatewayFixture gateway) : IClassFixture<ModelGatewayFixture>
{
    private static readonly string[] AllScopes = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task A_session_key_reports_that_session_with_its_summary_and_the_aggregates()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:su-" + Guid.NewGuid().ToString("N")[..8];
        await TurnAsync(client, key, "first", "One.", new FakeUsage(10, 2, 0, 0, 0));
        await TurnAsync(client, key, "second", "Two.", new FakeUsage(30, 4, 0, 0, 0));

        var report = (await client.CallOkAsync("sessions.usage", new JsonObject { ["key"] = key }))!;
        Assert.Equal(["updatedAt", "startDate", "endDate", "sessions", "totals", "aggregates", "creatorOptions", "cacheStatus"], report.AsObject().Select(p => p.Key));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today, (string?)report["endDate"]);
        Assert.Equal(DateTime.UtcNow.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)report["startDate"]);

        var row = report["sessions"]!.AsArray().Single()!;
        Assert.Equal(key, (string?)row["key"]);
        Assert.Equal("instance", (string?)row["scope"]);
        Assert.Equal("main", (string?)row["agentId"]);
        Assert.Equal("[\"unknown\"]", (string?)row["creatorKey"]);
        var usage = row["usage"]!;
        Assert.Equal(46, (long)usage["totalTokens"]!);
        Assert.Equal(40, (long)usage["input"]!);
        Assert.Equal(2, (long)usage["missingCostEntries"]!);
        Assert.Equal(2, (long)usage["missingCostByModel"]!["fake/fake-model"]!);
        Assert.StartsWith("sqlite:main:" + (string?)row["sessionId"] + ":", (string?)usage["sessionFile"], StringComparison.Ordinal);
        Assert.Equal("""{"total":4,"user":2,"assistant":2,"toolCalls":0,"toolResults":0,"errors":0}""", usage["messageCounts"]!.ToJsonString());
        var model = usage["modelUsage"]!.AsArray().Single()!;
        Assert.Equal(("fake", "fake-model", 2L), ((string?)model["provider"], (string?)model["model"], (long)model["count"]!));
        Assert.Equal(2, (long)usage["latency"]!["count"]!);
        Assert.Equal([today], usage["activityDates"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(46, (long)usage["dailyBreakdown"]![0]!["tokens"]!);
        Assert.True((long)usage["lastActivity"]! >= (long)usage["firstActivity"]!);

        Assert.Equal(46, (long)report["totals"]!["totalTokens"]!);
        var aggregates = report["aggregates"]!;
        Assert.Equal(1, (long)aggregates["sessionCount"]!);
        Assert.Equal(4, (long)aggregates["messages"]!["total"]!);
        Assert.Equal("fake", (string?)aggregates["byProvider"]![0]!["provider"]);
        Assert.Null(aggregates["byProvider"]![0]!["model"]);
        Assert.Equal("main", (string?)aggregates["byAgent"]![0]!["agentId"]);
        Assert.Empty(aggregates["byChannel"]!.AsArray());
        Assert.Equal(46, (long)aggregates["daily"]![0]!["tokens"]!);
        Assert.Equal(4, (long)aggregates["daily"]![0]!["messages"]!);
        Assert.Equal(1, (long)aggregates["byCreator"]![0]!["sessionCount"]!);
        Assert.Equal("[\"unknown\"]", (string?)report["creatorOptions"]!.AsArray().Single()!["key"]);
        Assert.Equal("fresh", (string?)report["cacheStatus"]!["status"]);
        Assert.Equal(1, (long)report["cacheStatus"]!["cachedFiles"]!);
    }

    [Fact]
    public async Task The_list_is_newest_first_limited_while_the_aggregates_count_every_session()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var older = "agent:main:su-old-" + Guid.NewGuid().ToString("N")[..6];
        var newer = "agent:main:su-new-" + Guid.NewGuid().ToString("N")[..6];
        await TurnAsync(client, older, "a", "A.", new FakeUsage(7, 1, 0, 0, 0));
        await TurnAsync(client, newer, "b", "B.", new FakeUsage(9, 1, 0, 0, 0));

        var all = (await client.CallOkAsync("sessions.usage", new JsonObject()))!;
        var keys = all["sessions"]!.AsArray().Select(r => (string?)r!["key"]).ToList();
        Assert.True(keys.IndexOf(newer) >= 0 && keys.IndexOf(newer) < keys.IndexOf(older));
        var sessionCount = (long)all["aggregates"]!["sessionCount"]!;
        Assert.True(sessionCount >= 2);

        var one = (await client.CallOkAsync("sessions.usage", new JsonObject { ["limit"] = 1, ["agentScope"] = "all" }))!;
        Assert.Single(one["sessions"]!.AsArray());
        Assert.Equal(sessionCount, (long)one["aggregates"]!["sessionCount"]!);
        Assert.Equal((long)all["totals"]!["totalTokens"]!, (long)one["totals"]!["totalTokens"]!);

        var nobody = (await client.CallOkAsync("sessions.usage", new JsonObject { ["creatorKey"] = "[\"system\",null]" }))!;
        Assert.Empty(nobody["sessions"]!.AsArray());
        Assert.Null(nobody["cacheStatus"]);
        Assert.Single(nobody["creatorOptions"]!.AsArray());
    }

    [Fact]
    public async Task A_range_before_the_session_keeps_its_row_without_activity()
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var key = "agent:main:su-past-" + Guid.NewGuid().ToString("N")[..6];
        await TurnAsync(client, key, "now", "Now.", new FakeUsage(3, 1, 0, 0, 0));

        var past = (await client.CallOkAsync("sessions.usage", new JsonObject { ["key"] = key, ["startDate"] = "2001-02-03", ["endDate"] = "2001-02-04" }))!;
        Assert.Equal(("2001-02-03", "2001-02-04"), ((string?)past["startDate"], (string?)past["endDate"]));
        var usage = past["sessions"]![0]!["usage"]!;
        Assert.Equal(0, (long)usage["totalTokens"]!);
        Assert.Null(usage["firstActivity"]);
        Assert.Null(usage["dailyBreakdown"]);
        Assert.Equal(0, (long)past["aggregates"]!["sessionCount"]!);

        var listed = (await client.CallOkAsync("sessions.usage", new JsonObject { ["startDate"] = "2001-02-03", ["endDate"] = "2001-02-04" }))!;
        // Only transcripts untouched since the range began drop out; a later one stays, with nothing in range.
        Assert.Equal(0, (long)listed["sessions"]!.AsArray().Single(r => (string?)r!["key"] == key)!["usage"]!["totalTokens"]!);

        var zoned = (await client.CallOkAsync("sessions.usage", new JsonObject { ["key"] = key, ["mode"] = "specific", ["timeZone"] = "Pacific/Kiritimati", ["range"] = "7d" }))!;
        var kiritimatiToday = DateTime.UtcNow.AddHours(14);
        Assert.Equal(kiritimatiToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)zoned["endDate"]);
        Assert.Equal(kiritimatiToday.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)zoned["startDate"]);
    }

    [Theory]
    [InlineData("""{"startDate":"2026-01-01"}""", "startDate and endDate must be provided together")]
    [InlineData("""{"startDate":"2026-02-30","endDate":"2026-03-01"}""", "invalid startDate: expected a valid YYYY-MM-DD calendar date")]
    [InlineData("""{"startDate":"2026-03-02","endDate":"2026-03-01"}""", "startDate must not be after endDate")]
    [InlineData("""{"mode":"specific","timeZone":"Nowhere/Atlantis"}""", "invalid timeZone: expected a valid IANA time zone")]
    [InlineData("""{"agentScope":"all","key":"main"}""", "agentScope=all cannot be combined with key or agentId")]
    [InlineData("""{"key":"agent:main:x","agentId":"ops"}""", "Unknown agent id \"ops\"")]
    public async Task Bad_ranges_and_scopes_are_refused_with_the_reference_messages(string paramsJson, string message)
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var answer = await client.RequestAsync("sessions.usage", JsonNode.Parse(paramsJson)!.AsObject());
        Assert.Equal("INVALID_REQUEST", (string?)answer["error"]!["code"]);
        Assert.Equal(message, (string?)answer["error"]!["message"]);
    }

    [Theory]
    [InlineData("""{"limit":0}""")]
    [InlineData("""{"groupBy":"day"}""")]
    [InlineData("""{"unknown":true}""")]
    public async Task Params_outside_the_schema_are_refused(string paramsJson)
    {
        await using var client = await gateway.ConnectCliAsync(AllScopes);
        var answer = await client.RequestAsync("sessions.usage", JsonNode.Parse(paramsJson)!.AsObject());
        Assert.Equal("INVALID_REQUEST", (string?)answer["error"]!["code"]);
        Assert.StartsWith("invalid sessions.usage params", (string?)answer["error"]!["message"], StringComparison.Ordinal);
    }

    private async Task TurnAsync(WsTestClient client, string key, string message, string reply, FakeUsage usage)
    {
        gateway.Model.Script.Then(new FakeReply { Text = reply, Usage = usage });
        var runId = "t-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = message, ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");
    }
}
