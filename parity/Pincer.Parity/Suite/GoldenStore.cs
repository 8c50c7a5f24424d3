using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Suite;

/// <summary>Recorded, already-normalised reference results: <c>parity/golden/&lt;scenario id&gt;.json</c>.</summary>
public static class GoldenStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathOf(Scenario s) => Path.Combine(ParityPaths.GoldenDir, s.Id + ".json");

    public static JsonObject? Load(Scenario s) =>
        File.Exists(PathOf(s)) ? JsonNode.Parse(File.ReadAllText(PathOf(s)))?["result"] as JsonObject : null;

    public static void Save(Scenario s, JsonObject normalisedResult)
    {
        var file = new JsonObject
        {
            ["scenario"] = s.Id,
            ["reference"] = "openclaw@2026.9.6",
            ["recordWith"] = "PARITY_RECORD=1 dotnet test parity/Pincer.Parity.Tests",
            ["result"] = normalisedResult.DeepClone(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(s))!);
        File.WriteAllText(PathOf(s), file.ToJsonString(Indented) + "\n");
    }

    public static string ToText(JsonNode node) => node.ToJsonString(Indented);
}
