using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Sessions.Write;

/// <summary>
/// The session write methods over a real WebSocket against the in-process gateway: the entries the
/// reference writes, its refusals, and who receives <c>sessions.changed</c>. Each test uses its own keys.
/// </summary>
public sealed class SessionsWriteMethodsTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    private static readonly string[] Admin = ["operator.admin", "operator.read", "operator.write"];

    [Fact]
    public async Task Create_patch_reset_delete_round_trip()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var created = (await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "flow-1", ["label"] = "Flow one" }))!.AsObject();
        Assert.Equal("agent:main:flow-1", (string?)created["key"]);
        Assert.False((bool)created["runStarted"]!);
        var entry = created["entry"]!.AsObject();
        Assert.Equal(
            ["sessionId", "lifecycleRevision", "updatedAt", "sessionRoot", "label", "delivery", "createdVia", "createdAt", "spawnDepth", "modelOverrideSource", "parentSessionKey"],
            entry.Select(kv => kv.Key));
        Assert.Equal(Path.Combine(gateway.StateDir, "workspace"), (string?)entry["sessionRoot"]);
        Assert.Equal("operator", (string?)entry["createdVia"]);
        Assert.Equal("agent:main:main", (string?)entry["parentSessionKey"]);
        Assert.Equal("""{"modelProvider":"openai","model":"gpt-6-astra"}""", created["resolved"]!.ToJsonString());
        var sessionId = (string)created["sessionId"]!;
        var revision = (string)entry["lifecycleRevision"]!;

        var patched = (await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = "flow-1", ["thinkingLevel"] = "HIGH", ["sendPolicy"] = "deny" }))!.AsObject();
        Assert.Equal("high", (string?)patched["entry"]!["thinkingLevel"]);
        Assert.Equal("deny", (string?)patched["entry"]!["sendPolicy"]);
        Assert.Equal("high", (string?)patched["resolved"]!["thinkingLevel"]);
        Assert.EndsWith(Path.Combine("agents", "main", "agent", "openclaw-agent.sqlite"), (string)patched["path"]!);

        var reset = (await client.CallOkAsync("sessions.reset", new JsonObject { ["key"] = "flow-1" }))!.AsObject();
        var after = reset["entry"]!.AsObject();
        Assert.Equal(sessionId, (string?)after["sessionId"]);
        Assert.NotEqual(revision, (string?)after["lifecycleRevision"]);
        Assert.Equal("high", (string?)after["thinkingLevel"]);
        Assert.Equal("deny", (string?)after["sendPolicy"]);
        Assert.Equal(0, (int)after["totalTokens"]!);
        Assert.Equal("Flow one", (string?)after["label"]);

        var deleted = (await client.CallOkAsync("sessions.delete", new JsonObject { ["key"] = "flow-1" }))!.AsObject();
        Assert.True((bool)deleted["deleted"]!);
        var again = (await client.CallOkAsync("sessions.delete", new JsonObject { ["key"] = "flow-1" }))!.AsObject();
        Assert.False((bool)again["deleted"]!);
    }

    [Fact]
    public async Task Create_adopts_an_existing_key_and_keeps_labels_unique()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var first = (await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "adopt-1", ["label"] = "Adopted" }))!.AsObject();
        var second = (await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "adopt-1", ["label"] = "Adopted" }))!.AsObject();
        Assert.Equal((string?)first["sessionId"], (string?)second["sessionId"]);
        Assert.Equal((string?)first["entry"]!["lifecycleRevision"], (string?)second["entry"]!["lifecycleRevision"]);

        var clash = await client.RequestAsync("sessions.create", new JsonObject { ["key"] = "adopt-2", ["label"] = "Adopted" });
        AssertRefused(clash, "label already in use: Adopted");
    }

    [Fact]
    public async Task Child_inherits_the_parent_selection_and_lineage()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var parent = (await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "parent-1" }))!.AsObject();
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = "parent-1", ["reasoningLevel"] = "on", ["fastMode"] = true });
        var child = (await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "child-1", ["parentSessionKey"] = "parent-1" }))!.AsObject();
        var entry = child["entry"]!.AsObject();
        Assert.Equal("agent:main:parent-1", (string?)entry["parentSessionKey"]);
        Assert.Equal((string?)parent["sessionId"], (string?)entry["parentSessionId"]);
        Assert.Equal("on", (string?)entry["reasoningLevel"]);
        Assert.True((bool)entry["fastMode"]!);
    }

    [Theory]
    [InlineData("""{"thinkingLevel":"bogus"}""", "invalid thinkingLevel (use low|medium|high|xhigh|max|ultra)")]
    [InlineData("""{"thinkingLevel":"off"}""", "thinkingLevel \"off\" is not supported for openai/gpt-6-astra (use low|medium|high|xhigh|max|ultra)")]
    [InlineData("""{"verboseLevel":"bogus"}""", "invalid verboseLevel (use \"on\"|\"off\"|\"full\")")]
    [InlineData("""{"traceLevel":"bogus"}""", "invalid traceLevel (use \"on\"|\"off\"|\"raw\")")]
    [InlineData("""{"reasoningLevel":"bogus"}""", "invalid reasoningLevel (use \"on\"|\"off\"|\"stream\")")]
    [InlineData("""{"elevatedLevel":"bogus"}""", "invalid elevatedLevel (use \"on\"|\"off\"|\"ask\"|\"full\")")]
    [InlineData("""{"execHost":"bogus"}""", "invalid execHost (use \"auto\"|\"sandbox\"|\"gateway\"|\"node\")")]
    [InlineData("""{"execNode":"  "}""", "invalid execNode: empty")]
    [InlineData("""{"execSecurity":"full"}""", "execSecurity/execAsk are retired; set permissionMode (read-only|guarded|workspace|full) instead, or use /exec for this run only.")]
    [InlineData("""{"model":"bogus/nothing"}""", "Unknown provider \"bogus\". Use /models to list providers.")]
    [InlineData("""{"model":"  "}""", "invalid model: empty")]
    [InlineData("""{"model":"openai/gpt-6-astra"}""", "Model openai/gpt-6-astra requires agent harness \"codex\", but no enabled plugin provides it. Install and enable its plugin, restart the Gateway, then select the model again.")]
    [InlineData("""{"archived":true}""", "expectedSessionId required for session lifecycle patch: agent:main:refuse-1")]
    [InlineData("""{"icon":"bogus icon"}""", "icon must be a single emoji, a named icon (braces, book, monitor, bot, kanban, coins), or self-contained SVG markup/data URL up to 16 KiB")]
    [InlineData("""{"color":"bogus"}""", "color must be one of: red, blue, green, yellow, purple, orange, pink, cyan")]
    [InlineData("""{"category":"  "}""", "invalid category: empty")]
    [InlineData("""{"contextWindow":"1m"}""", "contextWindow \"1m\" is not supported for openai/gpt-6-astra")]
    [InlineData("""{"completionOwnerSessionKey":"x"}""", "completionOwnerSessionKey is only supported for subagent:* or acp:* sessions")]
    [InlineData("""{"sendPolicy":"bogus"}""", "invalid sessions.patch params: at /sendPolicy: must be equal to constant; at /sendPolicy: must be null; at /sendPolicy: must match a schema in anyOf")]
    [InlineData("""{"queueMode":"collect"}""", "invalid sessions.patch params: at root: unexpected property 'queueMode'")]
    public async Task Patch_refusals_match_the_reference(string patchJson, string message)
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "refuse-1" });
        var patch = JsonNode.Parse(patchJson)!.AsObject();
        patch["key"] = "refuse-1";
        AssertRefused(await client.RequestAsync("sessions.patch", patch), message);
    }

    [Fact]
    public async Task Lifecycle_refusals_match_the_reference()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "guard-1" });
        AssertRefused(await client.RequestAsync("sessions.delete", new JsonObject { ["key"] = "main" }), "Cannot delete the main session (agent:main:main).");
        var reset = await client.RequestAsync("sessions.reset", new JsonObject { ["key"] = "guard-1", ["expectedSessionId"] = "zzz" });
        AssertRefused(reset, "Session guard-1 changed before reset. Retry.");
        Assert.Equal("session-changed", (string?)reset["error"]!["details"]!["reason"]);
        AssertRefused(await client.RequestAsync("sessions.delete", new JsonObject { ["key"] = "guard-1", ["expectedSessionId"] = "zzz" }), "Session guard-1 changed before deletion. Retry.");
        AssertRefused(await client.RequestAsync("sessions.create", new JsonObject { ["key"] = "p3", ["agentId"] = "ops" }), "Unknown agent id \"ops\"");
        AssertRefused(await client.RequestAsync("sessions.create", new JsonObject { ["key"] = "agent:ops:p3" }), "Unknown agent id \"ops\"");
        AssertRefused(await client.RequestAsync("sessions.patch", new JsonObject { ["key"] = "  " }), "key required");
        AssertRefused(await client.RequestAsync("sessions.patch", new JsonObject { ["key"] = "nope", ["archived"] = true, ["expectedSessionId"] = "x" }), "Session nope changed before patch. Retry.");
    }

    [Fact]
    public async Task PatchMany_reports_each_target()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = "many-1" });
        var result = (await client.CallOkAsync("sessions.patchMany", JsonNode.Parse("""
            {"targets":[{"key":"many-1"},{"key":"many-2","agentId":"main"},{"key":"many-3","agentId":"ghost"}],"patch":{"sendPolicy":"allow"}}
            """)))!.AsObject();
        var expected = JsonNode.Parse("""
            [{"ok":true,"key":"many-1"},{"ok":true,"key":"many-2","agentId":"main"},{"ok":false,"key":"many-3","agentId":"ghost","error":{"code":"INVALID_REQUEST","message":"Unknown agent id \"ghost\""}}]
            """);
        Assert.True(JsonNode.DeepEquals(expected, result["outcomes"]), result["outcomes"]!.ToJsonString());
    }

    [Fact]
    public async Task Sessions_changed_reaches_subscribers_only()
    {
        await using var subscriber = await gateway.ConnectCliAsync(Admin);
        await using var bystander = await gateway.ConnectCliAsync(Admin);
        Assert.Equal("""{"subscribed":true}""", (await subscriber.CallOkAsync("sessions.subscribe", new JsonObject()))!.ToJsonString());

        await bystander.CallOkAsync("sessions.create", new JsonObject { ["key"] = "events-1", ["label"] = "Events" });
        var created = await subscriber.WaitForEventAsync("sessions.changed");
        var payload = created["payload"]!.AsObject();
        Assert.Equal(["sessionKey", "agentId", "reason", "ts", "session"], payload.Select(kv => kv.Key).Take(5));
        Assert.Equal("create", (string?)payload["reason"]);
        Assert.Equal("agent:main:events-1", (string?)payload["session"]!["key"]);
        Assert.Equal("Events", (string?)payload["derivedTitle"] ?? (string?)payload["session"]!["derivedTitle"]);
        Assert.Equal("admin", (string?)payload["sharingRole"]);

        subscriber.Events.Clear();
        await bystander.CallOkAsync("sessions.delete", new JsonObject { ["key"] = "events-1" });
        var deleted = await subscriber.WaitForEventAsync("sessions.changed");
        Assert.Equal("delete", (string?)deleted["payload"]!["reason"]);
        Assert.Equal("agent:main:events-1", (string?)deleted["payload"]!["sessionKey"]);

        // Anything queued for the bystander would precede this answer on its socket.
        await bystander.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = "events-1" });
        Assert.DoesNotContain(bystander.Events, e => (string?)e["event"] == "sessions.changed");
    }

    [Fact]
    public async Task Message_subscriptions_answer_the_canonical_key()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        Assert.Equal("""{"subscribed":true,"key":"agent:main:msgs-1"}""", (await client.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = "msgs-1" }))!.ToJsonString());
        Assert.Equal("""{"subscribed":true,"key":"agent:ops:msgs-1"}""", (await client.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = "agent:ops:msgs-1" }))!.ToJsonString());
        Assert.Equal("""{"subscribed":false,"key":"agent:main:msgs-1"}""", (await client.CallOkAsync("sessions.messages.unsubscribe", new JsonObject { ["key"] = "msgs-1" }))!.ToJsonString());
    }

    [Fact]
    public async Task Hello_advertises_the_methods_and_the_event()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var features = client.Hello!["features"]!;
        var methods = features["methods"]!.AsArray().Select(m => (string?)m).ToList();
        foreach (var method in (string[])["sessions.create", "sessions.patch", "sessions.patchMany", "sessions.reset", "sessions.delete", "sessions.subscribe", "sessions.messages.subscribe", "sessions.messages.unsubscribe"])
        {
            Assert.Contains(method, methods);
        }

        Assert.Contains("sessions.changed", features["events"]!.AsArray().Select(e => (string?)e));
    }

    private static void AssertRefused(JsonObject response, string message)
    {
        Assert.False((bool)response["ok"]!, response.ToJsonString());
        Assert.Equal("INVALID_REQUEST", (string?)response["error"]!["code"]);
        Assert.Equal(message, (string?)response["error"]!["message"]);
    }
}
