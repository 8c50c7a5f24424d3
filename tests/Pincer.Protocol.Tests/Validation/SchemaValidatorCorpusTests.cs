using System.Text;
using System.Text.Json.Nodes;
using Pincer.Protocol.Validation;
using Xunit.Abstractions;

namespace Pincer.Protocol.Tests.Validation;

/// <summary>Every golden case: same validity and byte-identical message as the reference's TypeBox stack.</summary>
public sealed class SchemaValidatorCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Labels()
    {
        var data = new TheoryData<string>();
        foreach (var label in TypeBoxCorpus.All.Keys)
        {
            data.Add(label);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void MatchesReference(string label)
    {
        var (expectedValid, expectedMessage, actualValid, actualMessage) = Run(TypeBoxCorpus.All[label]);
        Assert.Equal(expectedValid, actualValid);
        Assert.Equal(expectedMessage, actualMessage);
    }

    [Fact]
    public void WholeCorpusMatches()
    {
        var mismatches = new StringBuilder();
        var matched = 0;
        foreach (var (label, entry) in TypeBoxCorpus.All)
        {
            var (expectedValid, expectedMessage, actualValid, actualMessage) = Run(entry);
            if (expectedValid == actualValid && expectedMessage == actualMessage)
            {
                matched++;
            }
            else
            {
                mismatches.AppendLine($"{label}: expected {expectedValid} '{expectedMessage}' got {actualValid} '{actualMessage}'");
            }
        }

        output.WriteLine($"typebox corpus: {matched}/{TypeBoxCorpus.All.Count} match");
        Assert.True(TypeBoxCorpus.All.Count >= 300, "corpus too small");
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    private static (bool ExpectedValid, string? ExpectedMessage, bool ActualValid, string? ActualMessage) Run(JsonObject entry)
    {
        var validator = entry["schemaName"] is JsonValue name
            ? SchemaValidator.ForSchema(name.GetValue<string>())
            : SchemaValidator.FromSchema(entry["schema"]?.DeepClone());
        var value = JsonNode.Parse(entry["json"]!.GetValue<string>());
        var expectedValid = entry["valid"]!.GetValue<bool>();
        var expectedMessage = entry["message"]?.GetValue<string>();
        var actualValid = validator.IsValid(value);
        var errors = validator.Validate(value);
        var actualMessage = actualValid ? null : ValidationMessage.Format(errors);
        return (expectedValid, expectedMessage, actualValid, actualMessage);
    }
}
