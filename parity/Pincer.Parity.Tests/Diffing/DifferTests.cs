using System.Text.Json.Nodes;
using Pincer.Parity.Diffing;
using Pincer.Parity.Scenarios;
using Pincer.Parity.Suite;

namespace Pincer.Parity.Tests.Diffing;

public sealed class DifferTests
{
    [Fact]
    public void Reports_json_path_expected_and_actual()
    {
        var d = Assert.Single(JsonDiff.Compare(JsonNode.Parse("""{"a":{"b":[1,{"c":"x"}]}}"""), JsonNode.Parse("""{"a":{"b":[1,{"c":"y"}]}}""")));
        Assert.Equal("a.b[1].c", d.Path);
        Assert.Equal("\"x\"", d.Expected);
        Assert.Equal("\"y\"", d.Actual);
    }

    [Fact]
    public void Absent_and_extra_keys_are_differences()
    {
        var diffs = JsonDiff.Compare(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("""{"b":1}"""));
        Assert.Contains(diffs, d => d.Path == "a" && d.Actual == JsonDiff.Absent);
        Assert.Contains(diffs, d => d.Path == "b" && d.Expected == JsonDiff.Absent);
    }

    [Fact]
    public void Name_lists_report_missing_and_extra_members()
    {
        var diffs = JsonDiff.Compare(JsonNode.Parse("""{"m":["health","status","config.get"]}"""), JsonNode.Parse("""{"m":["health","config.get","bogus"]}"""));
        Assert.Equal(2, diffs.Count);
        Assert.Contains(diffs, d => d.Path == "m[\"status\"]" && d.Actual == JsonDiff.Absent);
        Assert.Contains(diffs, d => d.Path == "m[\"bogus\"]" && d.Expected == JsonDiff.Absent);
    }

    [Fact]
    public void Name_list_order_is_a_difference()
    {
        Assert.Single(JsonDiff.Compare(JsonNode.Parse("""["a","b"]"""), JsonNode.Parse("""["b","a"]""")));
    }

    [Fact]
    public void Null_is_not_absent()
    {
        Assert.Single(JsonDiff.Compare(JsonNode.Parse("""{"a":null}"""), JsonNode.Parse("""{}""")));
    }

    [Fact]
    public void Explained_difference_passes_unexplained_fails()
    {
        var explanations = Explanations.Parse("""
            ## Accepted differences
            | scenario | path | reason |
            |---|---|---|
            | gateway/x | steps[*].response.payload.server.version | ours |
            """);
        var scenario = new Scenario("gateway/x", "gateway", "gateway/x.json", "", GatewaySpec.Parse(null), JsonNode.Parse("""[{"op":"call"}]""")!.AsArray());
        var expected = JsonNode.Parse("""{"steps":[{"response":{"payload":{"server":{"version":"2026.9.6"},"code":"A"}}}]}""")!.AsObject();
        var versionOnly = JsonNode.Parse("""{"steps":[{"response":{"payload":{"server":{"version":"0.1"},"code":"A"}}}]}""")!.AsObject();
        var codeToo = JsonNode.Parse("""{"steps":[{"response":{"payload":{"server":{"version":"0.1"},"code":"B"}}}]}""")!.AsObject();

        var ok = ParitySuite.Compare(scenario, expected, versionOnly, explanations, ParityMode.Golden);
        Assert.True(ok.Passed);
        Assert.Equal("ours", Assert.Single(ok.Explained).Explanation);

        var bad = ParitySuite.Compare(scenario, expected, codeToo, explanations, ParityMode.Golden);
        Assert.False(bad.Passed);
        Assert.Equal("steps[0].response.payload.code", Assert.Single(bad.Unexplained).Path);

        var otherScenario = scenario with { Id = "gateway/y" };
        Assert.False(ParitySuite.Compare(otherScenario, expected, versionOnly, explanations, ParityMode.Golden).Passed);
    }

    [Fact]
    public void Narrowing_needs_a_recorded_reason_and_still_catches_the_compared_field()
    {
        var steps = JsonNode.Parse("""[{"op":"call","compare":["response.error.code"]}]""")!.AsArray();
        var scenario = new Scenario("gateway/n", "gateway", "gateway/n.json", "", GatewaySpec.Parse(null), steps);
        var expected = JsonNode.Parse("""{"steps":[{"op":"call","response":{"error":{"code":"FORBIDDEN","message":"a"}}}]}""")!.AsObject();
        var messageOnly = JsonNode.Parse("""{"steps":[{"op":"call","response":{"error":{"code":"FORBIDDEN","message":"b"}}}]}""")!.AsObject();
        var codeChanged = JsonNode.Parse("""{"steps":[{"op":"call","response":{"error":{"code":"INVALID_REQUEST","message":"a"}}}]}""")!.AsObject();

        var unexplainedNarrowing = ParitySuite.Compare(scenario, expected, messageOnly, Explanations.Parse(""), ParityMode.Golden);
        Assert.False(unexplainedNarrowing.Passed);
        Assert.Single(unexplainedNarrowing.Problems);

        var x = Explanations.Parse("## Narrowed comparisons\n| scenario | step | reason |\n|---|---|---|\n| gateway/n | 0 | test |\n");
        Assert.True(ParitySuite.Compare(scenario, expected, messageOnly, x, ParityMode.Golden).Passed);
        var caught = ParitySuite.Compare(scenario, expected, codeChanged, x, ParityMode.Golden);
        Assert.Equal("steps[0][\"response.error.code\"]", Assert.Single(caught.Unexplained).Path);
    }

    [Fact]
    public void Narrowed_call_each_projects_every_response()
    {
        var steps = JsonNode.Parse("""[{"op":"callEach","compare":["error.code"]}]""")!.AsArray();
        var result = JsonNode.Parse("""{"steps":[{"op":"callEach","responses":{"a":{"ok":false,"error":{"code":"FORBIDDEN","message":"m"}},"b":{"ok":true}}}]}""")!.AsObject();
        var projected = Comparison.Project(result, steps);
        Assert.Equal("FORBIDDEN", (string?)projected["steps"]![0]!["responses"]!["a"]!["error.code"]);
        Assert.Equal(JsonDiff.Absent, (string?)projected["steps"]![0]!["responses"]!["b"]!["error.code"]);
    }
}
