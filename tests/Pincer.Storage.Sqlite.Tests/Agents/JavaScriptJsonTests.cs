using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

public sealed class JavaScriptJsonTests
{
    /// <summary>Expected values are what Node's <c>JSON.stringify</c> prints for the same string.</summary>
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote \" back \\ slash /", "\"quote \\\" back \\\\ slash /\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("<b>&'+", "\"<b>&'+\"")]
    [InlineData("ü → \u2028 \u007f", "\"ü → \u2028 \u007f\"")]
    [InlineData("🦀", "\"🦀\"")]
    public void Strings_are_escaped_as_JSON_stringify_does(string value, string expected) =>
        Assert.Equal(expected, JavaScriptJson.Stringify(JsonValue.Create(value)));

    [Fact]
    public void Lone_surrogates_are_escaped_in_lower_case()
    {
        // Built at run time: attribute arguments cannot carry ill-formed UTF-16.
        var lone = new string([(char)0xD800, 'x']);
        Assert.Equal("\"\\ud800x\"", JavaScriptJson.Stringify(JsonValue.Create(lone)));
    }

    [Fact]
    public void Parsed_documents_come_back_byte_for_byte()
    {
        const string json = """{"a":[1,-0.5,1e+21,null,true,false,{}],"b":{"c":"🦀 ü","d":[]},"e":12345678901234}""";
        Assert.Equal(json, JavaScriptJson.Stringify(JsonNode.Parse(json)));
    }
}
