using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Sessions.Cleanup;

/// <summary>A gateway in <c>warn</c> maintenance mode with a two-row cap, so each test chooses whether cleanup enforces.</summary>
public sealed class CappedWarnGatewayFixture() : GatewayFixture("token")
{
    protected override Task<string> ConfigJsonAsync() => Task.FromResult("""
        { "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } },
          "session": { "maintenance": { "mode": "warn", "maxEntries": 2, "pruneAfter": "1h", "maxDiskBytes": "1mb" } } }
        """);
}

/// <summary><c>sessions.cleanup</c> on a real gateway: refusals, warn against enforce, the cap, <c>fixMissing</c> and the event.</summary>
public sealed class SessionsCleanupTests(CappedWarnGatewayFixture gateway) : IClassFixture<CappedWarnGatewayFixture>
{
    private static readonly string[] Admin = ["operator.admin"];

    [Fact]
    public async Task Bad_params_get_the_reference_refusals()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        Assert.Equal("invalid sessions.cleanup params: at root: unexpected property 'dryRun'", await RefusalAsync(client, new JsonObject { ["dryRun"] = true }));
        Assert.Equal("invalid sessions.cleanup params: at /agent: must not have fewer than 1 characters", await RefusalAsync(client, new JsonObject { ["agent"] = "" }));
        Assert.Equal("--agent must not be blank", await RefusalAsync(client, new JsonObject { ["agent"] = "  " }));
        Assert.Equal("--agent and --all-agents cannot be used together", await RefusalAsync(client, new JsonObject { ["agent"] = "main", ["allAgents"] = true }));
        Assert.Equal("Unknown agent id \"nope\". Run openclaw agents list to see configured agents.", await RefusalAsync(client, new JsonObject { ["agent"] = "Nope" }));

        await using var writer = await gateway.ConnectCliAsync("operator.write");
        var outside = await writer.RequestAsync("sessions.cleanup", new JsonObject());
        Assert.Equal("missing scope: operator.admin", (string?)outside["error"]!["message"]);
    }

    [Fact]
    public async Task Warn_mode_reports_then_enforce_archives_the_oldest_past_the_cap_and_fixMissing_drops_live_empty_rows()
    {
        await using var subscriber = await gateway.ConnectCliAsync(Admin);
        await subscriber.CallOkAsync("sessions.subscribe", new JsonObject());
        await using var client = await gateway.ConnectCliAsync(Admin);
        foreach (var key in new[] { "cap-a", "cap-b", "cap-c" })
        {
            await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = key });
            await Task.Delay(5);
        }

        var warned = (await client.CallOkAsync("sessions.cleanup", new JsonObject()))!.AsObject();
        Assert.Equal(
            ["agentId", "storePath", "mode", "dryRun", "beforeCount", "afterCount", "missing", "dmScopeRetired", "modelRunPruned", "archived", "capArchived", "pruned", "capped", "unreferencedArtifacts", "diskBudget", "wouldMutate", "applied", "appliedCount"],
            warned.Select(p => p.Key));
        Assert.Equal("warn", (string?)warned["mode"]);
        Assert.Equal(3, (int)warned["beforeCount"]!);
        Assert.Equal(0, (int)warned["capped"]!);
        Assert.False((bool)warned["wouldMutate"]!);
        Assert.Equal("""{"scannedFiles":0,"removedFiles":0,"freedBytes":0,"olderThanMs":3600000}""", warned["unreferencedArtifacts"]!.ToJsonString());
        Assert.Equal(1048576, (long)warned["diskBudget"]!["maxBytes"]!);
        Assert.Equal(838860, (long)warned["diskBudget"]!["highWaterBytes"]!);
        var change = await subscriber.WaitForEventAsync("sessions.changed", p => (string?)p!["reason"] == "cleanup");
        Assert.Equal(["reason", "ts"], change!["payload"]!.AsObject().Select(p => p.Key));

        var enforced = await client.CallOkAsync("sessions.cleanup", new JsonObject { ["enforce"] = true });
        Assert.Equal("enforce", (string?)enforced!["mode"]);
        Assert.Equal((0, 1, 1, 3), ((int)enforced["archived"]!, (int)enforced["capArchived"]!, (int)enforced["capped"]!, (int)enforced["appliedCount"]!));
        Assert.True((bool)enforced["wouldMutate"]!);
        var oldest = (await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = "cap-a" }))!["session"]!;
        Assert.True((bool)oldest["archived"]!);
        Assert.Equal("active-session-cap", (string?)oldest["archiveReason"]);

        var fixedMissing = await client.CallOkAsync("sessions.cleanup", new JsonObject { ["fixMissing"] = true, ["activeKey"] = "cap-c" });

        // The archived row is kept: archived rows are exempt from the repair.
        Assert.Equal((3, 2, 1), ((int)fixedMissing!["beforeCount"]!, (int)fixedMissing["missing"]!, (int)fixedMissing["afterCount"]!));
        var list = await client.CallOkAsync("sessions.list", new JsonObject());
        Assert.DoesNotContain(list!["sessions"]!.AsArray(), s => (string?)s!["key"] is "agent:main:cap-b" or "agent:main:cap-c");
    }

    private static async Task<string?> RefusalAsync(WsTestClient client, JsonObject parameters)
    {
        var response = await client.RequestAsync("sessions.cleanup", parameters);
        Assert.Equal("INVALID_REQUEST", (string?)response["error"]!["code"]);
        return (string?)response["error"]!["message"];
    }
}
