using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Pincer.Sessions.Reset;

namespace Pincer.Sessions.Tests.Reset;

/// <summary>
/// Reset policies against cases recorded from the reference's own functions (generate-reset-cases.mjs),
/// in UTC and in a zone with DST transitions, plus a few hand-written rows that say what the rules mean.
/// </summary>
public sealed class SessionResetPoliciesTests
{
    private static readonly Lazy<JsonObject> Cases = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(CasesPath()))!);

    [Fact]
    public void Policies_match_the_reference()
    {
        foreach (var c in Cases.Value["policies"]!.AsArray().OfType<JsonObject>())
        {
            var policy = SessionResetPolicies.Resolve(c["config"], (string)c["type"]!, c["override"] as JsonObject);
            var expected = (JsonObject)c["policy"]!;
            var label = c.ToJsonString();
            Assert.True((string)expected["mode"]! == policy.Mode, label);
            Assert.True((int)expected["atHour"]! == policy.AtHour, label);
            Assert.True((long?)expected["idleMinutes"] == policy.IdleMinutes, label);
            Assert.True((bool)expected["configured"]! == policy.Configured, label);
        }
    }

    [Fact]
    public void Freshness_matches_the_reference()
    {
        var count = 0;
        foreach (var c in Cases.Value["evaluations"]!.AsArray().OfType<JsonObject>())
        {
            var p = (JsonObject)c["policy"]!;
            var policy = new SessionResetPolicy((string)p["mode"]!, (int)p["atHour"]!, (long?)p["idleMinutes"], (bool)p["configured"]!);
            var zone = TimeZoneInfo.FindSystemTimeZoneById((string)c["zone"]!);
            var actual = SessionResetPolicies.Evaluate(policy, (long)c["now"]!, (long?)c["updatedAt"], (long?)c["sessionStartedAt"], (long?)c["lastInteractionAt"], zone);
            var expected = (JsonObject)c["result"]!;
            var label = c.ToJsonString();
            Assert.True((bool)expected["fresh"]! == actual.Fresh, label);
            Assert.True((long?)expected["dailyResetAt"] == actual.DailyResetAt, label);
            Assert.True((long?)expected["idleExpiresAt"] == actual.IdleExpiresAt, label);
            Assert.True((string?)expected["staleReason"] == actual.StaleReason, label);
            count++;
        }

        Assert.True(count > 1000);
    }

    [Theory]
    [InlineData("agent:main:main", false, false, "direct")]
    [InlineData("agent:main:telegram:group:-100123", false, false, "group")]
    [InlineData("agent:main:discord:channel:42", false, false, "group")]
    [InlineData("agent:main:slack:channel:c1:thread:1700000000.1", false, false, "thread")]
    [InlineData("agent:main:incident-42", true, false, "thread")]
    [InlineData("agent:main:incident-42", false, true, "group")]
    public void Reset_type_follows_the_key(string key, bool isThread, bool isGroup, string expected) =>
        Assert.Equal(expected, SessionResetPolicies.ResetType(key, isThread, isGroup));

    [Theory]
    // now = 2026-11-24 09:30 UTC; daily at 04:00 → boundary 2026-11-24 04:00 UTC.
    [InlineData("daily", 4, null, 1795512600000 - (6 * 3_600_000), false, "daily")]
    [InlineData("daily", 4, null, 1795512600000 - (3 * 3_600_000), true, null)]
    [InlineData("idle", 4, 30L, 1795512600000 - (31 * 60_000), false, "idle")]
    [InlineData("idle", 4, 30L, 1795512600000 - (29 * 60_000), true, null)]
    [InlineData("idle", 4, 0L, 1795512600000 - (999 * 60_000), true, null)]
    [InlineData("none", 4, null, 1, true, null)]
    public void Opt_in_modes(string mode, int atHour, long? idleMinutes, long startedAt, bool fresh, string? reason)
    {
        var verdict = SessionResetPolicies.Evaluate(new SessionResetPolicy(mode, atHour, idleMinutes, true), 1795512600000, startedAt, startedAt, null, TimeZoneInfo.Utc);
        Assert.Equal(fresh, verdict.Fresh);
        Assert.Equal(reason, verdict.StaleReason);
    }

    [Fact]
    public void Without_config_nothing_resets() =>
        Assert.Equal(new SessionResetPolicy("none", 4, null, false), SessionResetPolicies.Resolve(null, "direct"));

    private static string CasesPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "reset-cases.json");
}
