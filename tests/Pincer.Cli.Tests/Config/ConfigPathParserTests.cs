using Pincer.Cli.Commands.Config;

namespace Pincer.Cli.Tests.Config;

public sealed class ConfigPathParserTests
{
    [Theory]
    [InlineData("gateway.port", new[] { "gateway", "port" })]
    [InlineData("bindings[0].agentId", new[] { "bindings", "0", "agentId" })]
    [InlineData("models.providers[\"my.provider\"].apiKey", new[] { "models", "providers", "my.provider", "apiKey" })]
    [InlineData("a['b c']", new[] { "a", "b c" })]
    [InlineData("a\\.b.c", new[] { "a.b", "c" })]
    [InlineData("  x.y  ", new[] { "x", "y" })]
    public void Splits_dot_and_bracket_paths(string raw, string[] expected) =>
        Assert.Equal(expected, ConfigPathParser.Parse(raw).Segments);

    [Theory]
    [InlineData("", "Path is empty.")]
    [InlineData("a..b", "Invalid path (empty segment): a..b")]
    [InlineData("a[", "Invalid path (missing \"]\"): a[")]
    [InlineData("a[]", "Invalid path (empty \"[]\"): a[]")]
    [InlineData("a[0]b", "Invalid path (missing separator after bracket): a[0]b")]
    [InlineData("a.__proto__", "Invalid path segment: __proto__")]
    [InlineData("a\\", "Invalid path (trailing escape): a\\")]
    public void Rejects_bad_paths_with_the_reference_messages(string raw, string message) =>
        Assert.Equal(message, Assert.Throws<ConfigCommandException>(() => ConfigPathParser.Parse(raw)).Message);

    [Fact]
    public void Bracket_indexes_and_quoted_digits_are_told_apart()
    {
        var path = ConfigPathParser.Parse("a[0][\"1\"].2");
        Assert.Contains(1, path.BracketIndexes);
        Assert.Contains(2, path.QuotedNumeric);
        Assert.DoesNotContain(3, path.BracketIndexes);
        Assert.Equal("a[0][\"1\"][\"2\"]", ConfigPathParser.Format(path));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100000", 100000)]
    [InlineData("01", null)]
    [InlineData("100001", null)]
    [InlineData("-1", null)]
    public void Array_indexes_are_canonical_and_bounded(string raw, int? expected) =>
        Assert.Equal(expected, ConfigPathParser.ArrayIndex(raw));
}
