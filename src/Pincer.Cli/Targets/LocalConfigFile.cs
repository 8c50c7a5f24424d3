using System.Text.Json.Nodes;
using Pincer.Config.Json5;

namespace Pincer.Cli.Targets;

/// <summary>
/// The config file as the CLI's connection logic needs it: raw JSON5 tree, whether it exists and
/// parses. Connection commands read only <c>gateway.*</c> and must keep working when the rest of
/// the file is invalid, so this does not run full validation.
/// </summary>
internal sealed class LocalConfigFile
{
    private LocalConfigFile(string path, bool exists, JsonObject? root, string? parseError)
    {
        Path = path;
        Exists = exists;
        Root = root;
        ParseError = parseError;
    }

    public string Path { get; }

    public bool Exists { get; }

    public JsonObject? Root { get; }

    public string? ParseError { get; }

    public bool Parsed => ParseError is null;

    public static LocalConfigFile Read(string path)
    {
        if (!File.Exists(path))
        {
            return new LocalConfigFile(path, exists: false, root: null, parseError: null);
        }

        try
        {
            var node = Json5Parser.Parse(File.ReadAllText(path));
            return node is JsonObject obj
                ? new LocalConfigFile(path, true, obj, null)
                : new LocalConfigFile(path, true, null, "config root is not an object");
        }
        catch (Exception ex) when (ex is Json5ParseException or IOException or UnauthorizedAccessException)
        {
            return new LocalConfigFile(path, true, null, ex.Message);
        }
    }

    /// <summary>A string at a dotted path, or null when absent / not a string (SecretRefs are not resolved here).</summary>
    public string? String(string dottedPath) =>
        Node(dottedPath) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    public int? Int(string dottedPath) =>
        Node(dottedPath) is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is > 0 and < int.MaxValue ? (int)d : null;

    public JsonNode? Node(string dottedPath)
    {
        JsonNode? current = Root;
        foreach (var segment in dottedPath.Split('.'))
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current;
    }
}
