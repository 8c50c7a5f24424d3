using System.Text.Json.Nodes;
using Pincer.Protocol.Validation;

namespace Pincer.Protocol.Tests.Validation;

public sealed class SchemaValidatorTests
{
    private static string Message(string schema, string json) =>
        ValidationMessage.Format(SchemaValidator.ForSchema(schema).Validate(JsonNode.Parse(json)));

    [Fact]
    public void ConnectParamsReportsLikeTheReference()
    {
        var text = Message(
            "ConnectParamsSchema",
            """{"minProtocol":1.5,"maxProtocol":0,"client":{"id":"nope","version":"","platform":"linux","mode":"cli","extra":1},"bogus":1,"bogus2":2}""");
        Assert.Equal(
            "at root: unexpected property 'bogus'; at /minProtocol: must be integer; at /maxProtocol: must be >= 1; at /client: unexpected property 'extra'; at /client/id: must be equal to one of the allowed values",
            text);
    }

    [Fact]
    public void MissingRequiredNamesOnlyTheFirst()
    {
        Assert.Equal(
            "must have required property 'minProtocol'; at root: unexpected property 'bogus'; at /maxProtocol: must be >= 1",
            Message("ConnectParamsSchema", """{"maxProtocol":0,"client":{"id":"cli","version":"1","platform":"linux","mode":"cli"},"bogus":1}"""));
    }

    [Fact]
    public void ValidValueHasNoErrors()
    {
        var validator = SchemaValidator.ForSchema("ConnectParamsSchema");
        var value = JsonNode.Parse("""{"minProtocol":4.0,"maxProtocol":4,"client":{"id":"cli","version":"1","platform":"linux","mode":"cli"}}""");
        Assert.True(validator.IsValid(value));
        Assert.Empty(validator.Validate(value));
    }

    [Fact]
    public void UnknownSchemaThrowsAndTryReportsFalse()
    {
        Assert.Throws<KeyNotFoundException>(() => SchemaValidator.ForSchema("NoSuchSchema"));
        Assert.False(SchemaValidator.TryGetSchema("NoSuchSchema", out _));
        Assert.True(SchemaValidator.TryGetSchema("LogsTailParamsSchema", out var schema));
        Assert.NotNull(schema);
    }

    [Fact]
    public void EmptyErrorListFormatsAsUnknown() => Assert.Equal("unknown validation error", ValidationMessage.Format([]));

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(9007199254740991d, "9007199254740991")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-0.000001, "-0.000001")]
    public void NumbersPrintLikeJavaScript(double value, string expected) => Assert.Equal(expected, JsNumber.ToJsString(value));

    [Fact]
    public void EverySchemaCompilesAndAcceptsOrRejectsNull()
    {
        var count = 0;
        foreach (var name in SchemaValidator.SchemaNames)
        {
            var validator = SchemaValidator.ForSchema(name);
            if (!validator.IsValid(null))
            {
                Assert.NotEmpty(validator.Validate(null));
            }

            count++;
        }

        Assert.Equal(1074, count);
    }

    [Fact]
    public void ForSchemaIsCachedAndThreadSafe()
    {
        var validators = new SchemaValidator[16];
        Parallel.For(0, validators.Length, i => validators[i] = SchemaValidator.ForSchema("ChatSendParamsSchema"));
        Assert.All(validators, v => Assert.Same(validators[0], v));
    }

    [Theory]
    [InlineData("^[a-z]+$", "abc\n", false)]
    [InlineData(@"\S", "\uFEFF", false)]
    [InlineData(@"\S", "\u0085", true)]
    [InlineData(@"^\d+$", "\u0663", false)]
    [InlineData("^.{3}$", "\uD83D\uDE00a", false)]
    [InlineData("^.{2}$", "\uD83D\uDE00a", true)]
    public void PatternsUseJavaScriptSemantics(string pattern, string text, bool expected)
    {
        var validator = SchemaValidator.FromSchema(new JsonObject { ["type"] = "string", ["pattern"] = pattern });
        Assert.Equal(expected, validator.IsValid(JsonValue.Create(text)));
    }
}
