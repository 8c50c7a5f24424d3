using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Pincer.Config.Json5;
using Pincer.Config.Loading;
using Pincer.Config.Redaction;

namespace Pincer.Config.Tests.Redaction;

/// <summary>
/// Compares the redactor with what the reference gateway returned from config.get (and did on
/// config.set) for each config in Corpus/inputs, recorded by Corpus/capture.mjs into Corpus/goldens.
/// The reference does not return the unredacted runtime config, so it is rebuilt by restoring the
/// golden one against the input file (after ${VAR} substitution) and must redact back to the golden.
/// </summary>
public sealed class ReferenceGoldenTests
{
    private static readonly string GoldenDir = Path.Combine(SourceDir(), "Corpus", "goldens");

    public static TheoryData<string> Goldens()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDir, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [Fact]
    public void CorpusIsLargeEnough() => Assert.True(Goldens().Count >= 15);

    [Theory]
    [MemberData(nameof(Goldens))]
    public void ParsedMatchesReference(string name)
    {
        var (golden, input, _) = Load(name);
        var redacted = ConfigRedactor.Redact(input).Config;
        AssertJson(golden["get"]!["parsed"], redacted);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void RuntimeConfigAndResolvedMatchReference(string name)
    {
        var (golden, _, substituted) = Load(name);
        foreach (var field in new[] { "runtimeConfig", "config", "resolved", "sourceConfig" })
        {
            var expected = golden["get"]![field];
            var original = ConfigRedactor.Restore(expected, substituted);
            AssertJson(expected, ConfigRedactor.Redact(original).Config);
        }
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void RawMatchesReference(string name)
    {
        var (golden, input, substituted) = Load(name);
        var runtime = ConfigRedactor.Restore(golden["get"]!["runtimeConfig"], substituted);
        var values = ConfigRedactor.Redact(runtime).SensitiveValues;
        var raw = ConfigRedactor.RedactRaw(golden["input"]!.GetValue<string>(), values, input, runtime);
        Assert.Equal(golden["get"]!["raw"]?.GetValue<string>(), raw);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void SnapshotMatchesReference(string name)
    {
        var (golden, input, substituted) = Load(name);
        var get = golden["get"]!;
        var runtime = ConfigRedactor.Restore(get["runtimeConfig"], substituted);
        var resolved = ConfigRedactor.Restore(get["resolved"], substituted);
        var snapshot = ConfigRedactor.RedactSnapshot(true, golden["input"]!.GetValue<string>(), input, resolved, runtime);
        Assert.Equal(get["raw"]?.GetValue<string>(), snapshot.Raw);
        AssertJson(get["parsed"], snapshot.Parsed);
        AssertJson(get["resolved"], snapshot.Resolved);
        AssertJson(get["runtimeConfig"], snapshot.Config);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void WritesMatchReference(string name)
    {
        var (golden, _, substituted) = Load(name);
        var runtime = ConfigRedactor.Restore(golden["get"]!["runtimeConfig"], substituted);
        foreach (var write in golden["writes"]!.AsArray())
        {
            var sent = Json5Parser.Parse(write!["sent"]!.GetValue<string>());
            if (write["ok"]!.GetValue<bool>())
            {
                // The reference adds meta/defaults when writing; what we restore must be in the file.
                var restored = ConfigRedactor.Restore(sent, runtime);
                AssertContained(restored, Json5Parser.Parse(write["fileAfter"]!.GetValue<string>()), write["name"]!.GetValue<string>());
            }
            else
            {
                var error = Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(sent, runtime));
                Assert.Equal(write["error"]!.GetValue<string>(), error.Message);
            }
        }
    }

    private static (JsonObject Golden, JsonNode? Input, JsonNode? Substituted) Load(string name)
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenDir, name + ".json")))!.AsObject();
        var input = Json5Parser.Parse(golden["input"]!.GetValue<string>());
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input?["env"]?["vars"] is JsonObject vars)
        {
            foreach (var (key, value) in vars)
            {
                env[key] = value!.GetValue<string>();
            }
        }

        var substituted = EnvSubstitution.Apply(input?.DeepClone(), env, []);
        return (golden, input, substituted);
    }

    private static void AssertJson(JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
        }
    }

    private static void AssertContained(JsonNode? part, JsonNode? whole, string path)
    {
        switch (part)
        {
            case JsonObject obj:
                var wholeObj = Assert.IsType<JsonObject>(whole);
                foreach (var (key, value) in obj)
                {
                    AssertContained(value, wholeObj[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var wholeArray = Assert.IsType<JsonArray>(whole);
                Assert.Equal(array.Count, wholeArray.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContained(array[i], wholeArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(part, whole), $"{path}: expected {part?.ToJsonString()} got {whole?.ToJsonString()}");
                break;
        }
    }

    private static string SourceDir([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
