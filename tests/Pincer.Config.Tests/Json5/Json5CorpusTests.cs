using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Config.Json5;

namespace Pincer.Config.Tests.Json5;

/// <summary>
/// Holds <see cref="Json5Parser"/> to the answers npm json5 gave for every corpus file
/// (recorded by record-golden.mjs into Corpus/golden.json). Accept/reject, values and the
/// full error message (which embeds line:column) must all agree. Object member order is not
/// compared: JavaScript hoists integer-like keys, we keep source order on purpose.
/// </summary>
public sealed class Json5CorpusTests
{
    private static readonly string CorpusDir = Path.Combine(SourceDir(), "Corpus");

    private static readonly JsonObject Golden = LoadGolden();

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir, "*.json5").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            data.Add(file!);
        return data;
    }

    [Fact]
    public void Corpus_is_large_and_fully_recorded()
    {
        var files = Directory.GetFiles(CorpusDir, "*.json5");
        Assert.True(files.Length >= 60, $"corpus has only {files.Length} files");
        foreach (var file in files)
            Assert.True(Golden.ContainsKey(Path.GetFileName(file)), $"{Path.GetFileName(file)} has no golden; rerun record-golden.mjs");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Parser_matches_npm_json5(string file)
    {
        // Decode without BOM stripping: json5 sees a leading U+FEFF and treats it as whitespace.
        var text = new UTF8Encoding(false).GetString(File.ReadAllBytes(Path.Combine(CorpusDir, file)));
        var expected = Golden[file]!.AsObject();

        JsonNode? actual;
        try
        {
            actual = Json5Parser.Parse(text);
        }
        catch (Json5ParseException ex)
        {
            Assert.False(expected["ok"]!.GetValue<bool>(), $"npm json5 accepts {file} but we reject it: {ex.Message}");
            Assert.Equal(expected["message"]!.GetValue<string>(), ex.Message);
            Assert.Equal(expected["line"]!.GetValue<int>(), ex.Line);
            Assert.Equal(expected["column"]!.GetValue<int>(), ex.Column);
            return;
        }

        Assert.True(expected["ok"]!.GetValue<bool>(), $"npm json5 rejects {file} ({expected["message"]}) but we accept it");
        AssertSameValue(expected["value"], actual, "$");
    }

    private static void AssertSameValue(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                return;
            case JsonObject tagged when tagged.Count == 1 && tagged["$nonFinite"] is JsonNode tag:
                var number = Assert.IsAssignableFrom<JsonValue>(actual).GetValue<double>();
                Assert.Equal(tag.GetValue<string>(), FormatNonFinite(number));
                return;
            case JsonObject obj:
                var actualObj = Assert.IsType<JsonObject>(actual);
                Assert.Equal(obj.Select(p => p.Key).Order(StringComparer.Ordinal), actualObj.Select(p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (key, value) in obj)
                    AssertSameValue(value, actualObj[key], $"{path}.{key}");
                return;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, actualArray.Count);
                for (var i = 0; i < array.Count; i++)
                    AssertSameValue(array[i], actualArray[i], $"{path}[{i}]");
                return;
        }

        var expectedValue = expected.AsValue();
        var actualValue = Assert.IsAssignableFrom<JsonValue>(actual);
        switch (expectedValue.GetValueKind())
        {
            case JsonValueKind.String:
                Assert.Equal(expectedValue.GetValue<string>(), actualValue.GetValue<string>());
                break;
            case JsonValueKind.Number:
                Assert.Equal(expectedValue.GetValue<double>(), actualValue.GetValue<double>());
                break;
            default:
                Assert.Equal(expectedValue.GetValueKind(), actualValue.GetValueKind());
                break;
        }
    }

    private static string FormatNonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : "finite";

    private static JsonObject LoadGolden() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDir, "golden.json")))!["results"]!.AsObject();

    private static string SourceDir([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
