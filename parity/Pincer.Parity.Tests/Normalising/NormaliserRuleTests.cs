using System.Text.Json.Nodes;
using Pincer.Parity.Diffing;
using Pincer.Parity.Normalising;

namespace Pincer.Parity.Tests.Normalising;

/// <summary>
/// Every rule: a positive case (two runs differing only in noise normalise equal) and a negative
/// case (a real behaviour difference next to that noise still shows up in the diff).
/// </summary>
public sealed class NormaliserRuleTests
{
    private static readonly NormaliseContext A = new(["/tmp/pincer-parity/reference-aaaa"], [41001]);
    private static readonly NormaliseContext B = new(["/tmp/pincer-parity/pincer-bbbbbbb"], [41002]);

    /// <summary>rule, reference json, pincer json with only noise changed, pincer json with a real change.</summary>
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "run-dir",
            """{"configPath":"/tmp/pincer-parity/reference-aaaa/state/openclaw.json"}""",
            """{"configPath":"/tmp/pincer-parity/pincer-bbbbbbb/state/openclaw.json"}""",
            """{"configPath":"/tmp/pincer-parity/pincer-bbbbbbb/state/config.json"}""" },
        { "loopback-port",
            """{"url":"http://127.0.0.1:41001/x","port":41001,"other":"127.0.0.1:9"}""",
            """{"url":"http://127.0.0.1:41002/x","port":41002,"other":"127.0.0.1:9"}""",
            """{"url":"http://127.0.0.1:41002/x","port":41002,"other":"127.0.0.1:10"}""" },
        { "uuid",
            """{"nonce":"7b28bc8b-b396-4b97-ae78-fa46fbe201e2","code":"INVALID_REQUEST"}""",
            """{"nonce":"0a1b2c3d-0000-4000-8000-000000000001","code":"INVALID_REQUEST"}""",
            """{"nonce":"0a1b2c3d-0000-4000-8000-000000000001","code":"FORBIDDEN"}""" },
        { "iso-time",
            """{"msg":"at 2026-11-24T04:29:00.123Z failed"}""",
            """{"msg":"at 2026-11-25T10:00:01Z failed"}""",
            """{"msg":"at 2026-11-25T10:00:01Z succeeded"}""" },
        { "epoch-ms",
            """{"ts":1795494541098,"retryAfterMs":500}""",
            """{"ts":1795494599999,"retryAfterMs":500}""",
            """{"ts":1795494599999,"retryAfterMs":1000}""" },
        { "duration",
            """{"durationMs":24,"uptimeMs":21028,"tickIntervalMs":30000}""",
            """{"durationMs":3,"uptimeMs":150,"tickIntervalMs":30000}""",
            """{"durationMs":3,"uptimeMs":150,"tickIntervalMs":15000}""" },
        { "environment",
            """{"eventLoop":{"delayP99Ms":22.9},"plugins":{"loaded":["a","b"],"errors":[]}}""",
            """{"eventLoop":{"delayP99Ms":1.2,"x":1},"plugins":{"loaded":[],"errors":[]}}""",
            """{"eventLoop":{"delayP99Ms":1.2},"plugins":{"loaded":[],"errors":["boom"]}}""" },
        { "state-version",
            """{"stateVersion":{"presence":1,"health":3},"seq":1}""",
            """{"stateVersion":{"presence":1,"health":4},"seq":1}""",
            """{"stateVersion":{"presence":1,"health":4},"seq":2}""" },
        { "pid",
            """{"pid":9192,"exitCode":0}""",
            """{"pid":1234,"exitCode":0}""",
            """{"pid":1234,"exitCode":1}""" },
        { "build-id",
            """{"server":{"version":"2026.9.6","buildId":"2026.9.6-release-eb377ac59e6c"}}""",
            """{"server":{"version":"2026.9.6","buildId":"pincer-0.1-abc"}}""",
            """{"server":{"version":"0.1.0","buildId":"pincer-0.1-abc"}}""" },
        { "keyed-hmac",
            """{"hash":"hmac-sha256:v1:I2c5jjwMpwT6xppfAWJ_VbJtD2pOrRY3ZumvjW-e8UA"}""",
            """{"hash":"hmac-sha256:v1:ocvXWFKZX1EL0SODlkexXnPqBUupb5xsma18hsHMJPc"}""",
            """{"hash":"sha256:ocvXWFKZX1EL0SODlkexXnPqBUupb5xsma18hsHMJPc"}""" },
        { "capability-url",
            """{"canvas":"http://127.0.0.1:41001/__openclaw__/cap/AbCdEfGhIjKlMnOp"}""",
            """{"canvas":"http://127.0.0.1:41002/__openclaw__/cap/QqRrSsTtUuVvWwXx"}""",
            """{"canvas":"http://127.0.0.1:41002/__openclaw__/capability/QqRrSsTtUuVvWwXx"}""" },
        { "issued-secret",
            """{"auth":{"deviceToken":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ","recoveryScope":"x1"}}""",
            """{"auth":{"deviceToken":"ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj","recoveryScope":"y2"}}""",
            """{"auth":{"recoveryScope":"y2"}}""" },
        { "envelope-time",
            """{"content":"[Mon 2026-12-07 03:10 UTC] hello"}""",
            """{"content":"[Mon 2026-12-07 03:11 UTC] hello"}""",
            """{"content":"[Mon 2026-12-07 03:11 UTC] goodbye"}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_hides_noise_but_not_a_real_difference(string rule, string reference, string noisy, string broken)
    {
        Assert.Contains(Normaliser.Rules, r => r.Name == rule);

        var expected = Normaliser.Normalise(JsonNode.Parse(reference), A);
        Assert.Empty(JsonDiff.Compare(expected, Normaliser.Normalise(JsonNode.Parse(noisy), B)));
        Assert.NotEmpty(JsonDiff.Compare(expected, Normaliser.Normalise(JsonNode.Parse(broken), B)));

        // Without this rule the noise is visible, so the rule is what hides it (not another one).
        var without = Normaliser.Rules.Where(r => r.Name != rule).ToList();
        Assert.NotEmpty(JsonDiff.Compare(Normaliser.Normalise(JsonNode.Parse(reference), A, without), Normaliser.Normalise(JsonNode.Parse(noisy), B, without)));
    }

    [Fact]
    public void Every_rule_has_a_case()
    {
        var covered = Cases().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(Normaliser.Rules, r => Assert.Contains(r.Name, covered));
    }

    [Fact]
    public void Changed_error_code_survives_full_normalisation()
    {
        const string frame = """{"type":"res","id":"r1","ok":false,"error":{"code":"INVALID_REQUEST","message":"protocol mismatch","details":{"code":"PROTOCOL_MISMATCH","expectedProtocol":4}}}""";
        var flipped = frame.Replace("\"code\":\"INVALID_REQUEST\"", "\"code\":\"FORBIDDEN\"", StringComparison.Ordinal);
        var diff = Assert.Single(JsonDiff.Compare(Normaliser.Normalise(JsonNode.Parse(frame), A), Normaliser.Normalise(JsonNode.Parse(flipped), B)));
        Assert.Equal("error.code", diff.Path);
    }

    [Fact]
    public void Normalise_does_not_mutate_its_input()
    {
        var input = JsonNode.Parse("""{"ts":1795494541098}""");
        Normaliser.Normalise(input, A);
        Assert.Equal(1795494541098L, (long)input!["ts"]!);
    }
}
