using System.Text.Json.Nodes;
using Pincer.Cli.Commands.Config;

namespace Pincer.Cli.Tests.Config;

public sealed class ConfigValueParserTests
{
    [Theory]
    [InlineData("19000", "19000")]
    [InlineData("true", "true")]
    [InlineData("local", "\"local\"")]
    [InlineData("{port: 1, 'x': [1,2,],}", "{\"port\":1,\"x\":[1,2]}")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("null", "null")]
    [InlineData("  7 ", "7")]
    public void Default_mode_tries_json5_then_falls_back_to_the_raw_string(string raw, string expectedJson)
    {
        var value = ConfigValueParser.Parse(raw, strictJson: false);
        Assert.Equal(expectedJson, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Unparsable_text_keeps_its_original_spacing() =>
        Assert.Equal(" a b ", ConfigValueParser.Parse(" a b ", false)!.GetValue<string>());

    [Fact]
    public void Strict_mode_requires_json()
    {
        Assert.Equal(19001, ConfigValueParser.Parse("19001", true)!.GetValue<int>());
        var ex = Assert.Throws<ConfigCommandException>(() => ConfigValueParser.Parse("abc", true));
        Assert.StartsWith("Could not parse \"abc\" as JSON for --strict-json.", ex.Message);
        Assert.Throws<ConfigCommandException>(() => ConfigValueParser.Parse("{a:1}", true));
    }

    [Fact]
    public void Expectation_is_strict_json() =>
        Assert.Equal("config set mode error: --expect-current-json must be valid JSON.",
            Assert.Throws<ConfigCommandException>(() => ConfigValueParser.ParseExpectation("nope")).Message);

    [Fact]
    public void Tree_set_creates_arrays_for_bracket_indexes_and_objects_for_quoted_digits()
    {
        var root = new JsonObject();
        ConfigTree.Set(root, ConfigPathParser.Parse("x[1].y"), 5);
        ConfigTree.Set(root, ConfigPathParser.Parse("z[\"1\"]"), 6);
        Assert.Equal("{\"x\":[null,{\"y\":5}],\"z\":{\"1\":6}}", root.ToJsonString());
        Assert.True(ConfigTree.Unset(root, ["x", "0"]));
        Assert.Equal("{\"x\":[{\"y\":5}],\"z\":{\"1\":6}}", root.ToJsonString());
        Assert.False(ConfigTree.Unset(root, ["x", "9"]));
    }
}
