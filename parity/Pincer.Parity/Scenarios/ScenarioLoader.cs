using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Parity.Scenarios;

/// <summary>Reads <c>parity/scenarios/&lt;subsystem&gt;/*.json</c>.</summary>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<Scenario> LoadAll(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Load(root, f))
            .OrderBy(s => s.Gateway.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

    public static Scenario Load(string root, string file)
    {
        var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
        var id = rel[..^".json".Length];
        var subsystem = Path.GetDirectoryName(rel)?.Replace('\\', '/') ?? "";
        var node = JsonNode.Parse(File.ReadAllText(file), documentOptions: Options) as JsonObject
            ?? throw new InvalidDataException($"{rel}: not a JSON object");
        var steps = node["steps"] as JsonArray ?? throw new InvalidDataException($"{rel}: missing steps[]");
        return new Scenario(id, subsystem, rel, (string?)node["description"] ?? "", GatewaySpec.Parse(node["gateway"] as JsonObject), steps);
    }
}
