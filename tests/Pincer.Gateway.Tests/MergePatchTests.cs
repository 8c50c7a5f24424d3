using System.Text.Json.Nodes;
using Pincer.Gateway.Configuration;

namespace Pincer.Gateway.Tests;

/// <summary><c>config.patch</c> merge semantics.</summary>
public sealed class MergePatchTests
{
    private static string Apply(string target, string patch, params string[] replacePaths) =>
        MergePatch.Apply(JsonNode.Parse(target)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), replacePaths).ToJsonString();

    [Fact]
    public void ObjectsMergeRecursively() =>
        Assert.Equal("""{"a":{"b":1,"c":3},"d":4}""", Apply("""{"a":{"b":1,"c":2}}""", """{"a":{"c":3},"d":4}"""));

    [Fact]
    public void NullDeletes() =>
        Assert.Equal("""{"a":{"c":2}}""", Apply("""{"a":{"b":1,"c":2},"x":true}""", """{"a":{"b":null},"x":null}"""));

    [Fact]
    public void ArraysReplace() =>
        Assert.Equal("""{"a":[3]}""", Apply("""{"a":[1,2]}""", """{"a":[3]}"""));

    [Fact]
    public void ScalarReplacesObjectAndObjectReplacesScalar() =>
        Assert.Equal("""{"a":1,"b":{"c":1}}""", Apply("""{"a":{"x":1},"b":2}""", """{"a":1,"b":{"c":1}}"""));

    [Fact]
    public void ReplacePathsReplaceObjectsWholesale() =>
        Assert.Equal("""{"a":{"b":{"y":2}},"k":{"m":1,"n":2}}""",
            Apply("""{"a":{"b":{"x":1}},"k":{"m":1}}""", """{"a":{"b":{"y":2}},"k":{"n":2}}""", "a.b"));

    [Fact]
    public void PatchIsNotAliased()
    {
        var patch = JsonNode.Parse("""{"a":{"b":1}}""")!.AsObject();
        var result = MergePatch.Apply([], patch, []);
        patch["a"]!["b"] = 2;
        Assert.Equal("""{"a":{"b":1}}""", result.ToJsonString());
    }
}
