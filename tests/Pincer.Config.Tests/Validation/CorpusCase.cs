using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Pincer.Config.Tests.Validation;

/// <summary>One corpus config and the reference's recorded <c>config validate --json</c> answer.</summary>
internal sealed record CorpusCase(string Name, JsonNode? Config, bool Valid, IReadOnlyList<ConfigIssue> Issues, IReadOnlyList<ConfigIssue> Warnings)
{
    public static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Corpus"));

    public static IEnumerable<CorpusCase> All()
    {
        var dir = CorpusDirectory();
        foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var goldenPath = Path.Combine(dir, "golden", name + ".json");
            if (!File.Exists(goldenPath))
            {
                continue;
            }

            var golden = JsonNode.Parse(File.ReadAllText(goldenPath))!;
            var output = golden["output"]!;
            yield return new CorpusCase(
                name,
                JsonNode.Parse(File.ReadAllText(file)),
                output["valid"]?.GetValue<bool>() == true,
                ReadIssues(output["issues"]),
                ReadIssues(output["warnings"]));
        }
    }

    /// <summary>
    /// True when the reference message is generic validator text (a format fact we reproduce
    /// verbatim) rather than a sentence written for one rule (where only the path must match).
    /// </summary>
    public static bool IsFormatMessage(string message) =>
        message.StartsWith("Invalid input", StringComparison.Ordinal)
        || message.StartsWith("Invalid option", StringComparison.Ordinal)
        || message.StartsWith("Invalid string", StringComparison.Ordinal)
        || message.StartsWith("Too big", StringComparison.Ordinal)
        || message.StartsWith("Too small", StringComparison.Ordinal)
        || message.StartsWith("Unrecognized key", StringComparison.Ordinal)
        || message.StartsWith("invalid config: ", StringComparison.Ordinal)
        || message.StartsWith("unknown channel id: ", StringComparison.Ordinal);

    private static List<ConfigIssue> ReadIssues(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(i => new ConfigIssue(
            i!["path"]!.GetValue<string>() is var p && p == "<root>" ? "" : p,
            i["message"]!.GetValue<string>()))];
}
