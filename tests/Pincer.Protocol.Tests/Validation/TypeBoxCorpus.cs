using System.Text.Json.Nodes;

namespace Pincer.Protocol.Tests.Validation;

/// <summary>
/// The golden cases recorded from the reference's TypeBox by <c>record-typebox-corpus.mjs</c>
/// (embedded so the tests never need node).
/// </summary>
internal static class TypeBoxCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Cases = new(Load);

    public static IReadOnlyDictionary<string, JsonObject> All => Cases.Value;

    private static IReadOnlyDictionary<string, JsonObject> Load()
    {
        // PINCER_TYPEBOX_CORPUS points at a larger, throw-away fuzz corpus from the recorder (CORPUS_OUT=…).
        var overridePath = Environment.GetEnvironmentVariable("PINCER_TYPEBOX_CORPUS");
        using var stream = !string.IsNullOrEmpty(overridePath)
            ? File.OpenRead(overridePath)
            : typeof(TypeBoxCorpus).Assembly.GetManifestResourceStream("Pincer.Protocol.Tests.typebox-corpus.json")
                ?? throw new InvalidOperationException("typebox-corpus.json is not embedded");
        var root = JsonNode.Parse(stream)!.AsObject();
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in root["cases"]!.AsArray())
        {
            var obj = entry!.AsObject();
            result.Add(obj["label"]!.GetValue<string>(), obj);
        }

        return result;
    }
}
