using System.Text.Json.Nodes;
using Pincer.Config;
using Pincer.Config.Loading;

namespace Pincer.Gateway.Configuration;

/// <summary>One loaded config file: the file layer's snapshot plus its validation verdict.</summary>
internal sealed record ConfigSnapshot(ConfigFileSnapshot File, IReadOnlyList<ConfigIssue> Issues, string Hash, string? RevisionHash)
{
    public string Path => File.Path;

    public bool Valid => Issues.Count == 0 && File.ParseIssues.Count == 0;

    public JsonObject Resolved => File.Resolved as JsonObject ?? [];

    public JsonNode? At(string dottedPath)
    {
        JsonNode? node = Resolved;
        foreach (var part in dottedPath.Split('.'))
        {
            node = (node as JsonObject)?[part];
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public string? String(string dottedPath) => At(dottedPath) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool? Bool(string dottedPath) => At(dottedPath) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public int? Int(string dottedPath) => At(dottedPath) is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
