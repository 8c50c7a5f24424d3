using Pincer.Config.Schema;

namespace Pincer.Config.Tests.Schema;

// Expectations below were observed on the live reference gateway (config.schema.lookup).
public sealed class ConfigSchemaLookupTests
{
    [Theory]
    [InlineData("nope")]
    [InlineData("gateway.port.foo")]
    public void UnknownPathsAreNotFound(string path) => Assert.Null(ConfigSchemaLookup.Lookup(path));

    [Fact]
    public void EmptyPathFailsParamValidation() =>
        Assert.Equal(
            "invalid config.schema.lookup params: at /path: must not have fewer than 1 characters; at /path: must match pattern \"^[A-Za-z0-9_./\\[\\]\\-*]+$\"",
            ConfigSchemaLookup.ValidateParams(""));

    [Fact]
    public void LeafHasBoundsReloadKindAndNoChildren()
    {
        var r = ConfigSchemaLookup.Lookup("gateway.port")!;
        Assert.Equal("gateway.port", (string?)r["path"]);
        Assert.Equal("integer", (string?)r["schema"]!["type"]);
        Assert.Equal(65535, (int?)r["schema"]!["maximum"]);
        Assert.Equal("restart", (string?)r["reloadKind"]);
        Assert.Equal("gateway.port", (string?)r["hintPath"]);
        Assert.False((bool?)r["hint"]!["advanced"]);
        Assert.Empty(r["children"]!.AsArray());
    }

    [Fact]
    public void ObjectNodeListsChildrenWithoutProperties()
    {
        var r = ConfigSchemaLookup.Lookup("gateway.auth")!;
        Assert.Null(r["schema"]!["properties"]);
        Assert.False((bool?)r["schema"]!["additionalProperties"]);
        var mode = r["children"]!.AsArray().First(c => (string?)c!["key"] == "mode")!;
        Assert.Equal("gateway.auth.mode", (string?)mode["path"]);
        Assert.Null(mode["type"]);
        Assert.False((bool?)mode["required"]);
        Assert.False((bool?)mode["hasChildren"]);
        Assert.Equal("restart", (string?)mode["reloadKind"]);
    }

    [Theory]
    [InlineData("bindings[0]", "bindings.0")]
    [InlineData("bindings.*", "bindings.*")]
    public void ArrayItemPathsNormalise(string path, string expected) =>
        Assert.Equal(expected, (string?)ConfigSchemaLookup.Lookup(path)!["path"]);

    [Fact]
    public void RecordKeysUseWildcardHints()
    {
        var r = ConfigSchemaLookup.Lookup("agents.entries.main")!;
        Assert.Equal("agents.entries.*", (string?)r["hintPath"]);
        Assert.Equal("hot", (string?)r["reloadKind"]);
        var name = r["children"]!.AsArray().First(c => (string?)c!["key"] == "name")!;
        Assert.Equal("agents.entries.main.name", (string?)name["path"]);
        Assert.Equal("agents.entries.*.name", (string?)name["hintPath"]);
    }

    [Fact]
    public void FullPayloadHasReferenceShapeAndNoProse()
    {
        var full = ConfigSchema.Full.AsObject();
        Assert.Equal(["schema", "uiHints", "version", "generatedAt"], full.Select(kv => kv.Key));
        Assert.Equal("2026.9.6", (string?)full["version"]);
        Assert.Null(full["schema"]!["properties"]!["gateway"]!["title"]);
        Assert.Null(full["uiHints"]!["gateway"]!["help"]);
        Assert.Equal("Gateway", (string?)full["uiHints"]!["gateway"]!["group"]);
    }
}
