using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Config.Json5;

namespace Pincer.Config.Loading;

/// <summary>
/// Expands <c>$include</c> directives. A string includes one file; an array includes several,
/// merged in order (<see cref="ConfigJsonMerge"/>); sibling keys are merged over the included
/// object. Paths are relative to the including file and must stay, lexically and after symlink
/// resolution, inside the config directory or an <c>OPENCLAW_INCLUDE_ROOTS</c> root. Nesting stops at
/// depth 10, cycles are errors, and each file must be a regular file of at most 2 MiB.
/// </summary>
internal sealed class ConfigIncludeResolver
{
    public const string IncludeKey = "$include";
    public const int MaxDepth = 10;
    public const int MaxFileBytes = 2 * 1024 * 1024;
    public const int MaxPathLength = 4096;

    private readonly IncludeRoot _configRoot;
    private readonly IReadOnlyList<IncludeRoot> _allowedRoots;
    private readonly List<string> _hashOrder = [];

    private ConfigIncludeResolver(string configPath, IEnumerable<string> allowedRoots)
    {
        var configDir = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        _configRoot = new IncludeRoot(configDir, FileSystemPaths.SafeRealPath(configDir));
        _allowedRoots = allowedRoots
            .Where(Path.IsPathFullyQualified)
            .Select(r => Path.GetFullPath(r))
            .Select(r => new IncludeRoot(r, FileSystemPaths.SafeRealPath(r)))
            .ToList();
    }

    /// <summary>Per included file (lexical path): hash of its content, in first-read order.</summary>
    public Dictionary<string, string> FileHashes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per included file (lexical path): its canonical (symlink-free) location.</summary>
    public Dictionary<string, string> FileTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>Every lexical and canonical include path seen, for file watching.</summary>
    public SortedSet<string> WatchPaths { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> HashOrder => _hashOrder;

    public static ConfigIncludeResolver Create(string configPath, IEnumerable<string> allowedRoots) => new(configPath, allowedRoots);

    /// <exception cref="ConfigIncludeException">An include failed.</exception>
    public JsonNode? Resolve(JsonNode? root, string configPath) =>
        Process(root, new Frame(Path.GetFullPath(configPath), [Path.GetFullPath(configPath)], 0));

    /// <summary><c>sha256("present\0" + content)</c>, or <c>sha256("missing")</c>, as lowercase hex.</summary>
    public static string HashIncludeContent(string? raw) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw is null ? "missing" : "present\0" + raw)));

    private JsonNode? Process(JsonNode? node, Frame frame)
    {
        switch (node)
        {
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                    items.Add(Process(item, frame));
                return items;
            case JsonObject obj when obj.ContainsKey(IncludeKey):
                return ProcessInclude(obj, frame);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                    result[key] = Process(value, frame);
                return result;
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? ProcessInclude(JsonObject obj, Frame frame)
    {
        var includeValue = obj[IncludeKey];
        var included = includeValue switch
        {
            JsonValue v when v.TryGetValue<string>(out var single) => LoadFile(single, frame),
            JsonArray list => list.Aggregate<JsonNode?, JsonNode?>(new JsonObject(), (merged, item) =>
                item is JsonValue v && v.TryGetValue<string>(out var entry)
                    ? ConfigJsonMerge.Merge(merged, LoadFile(entry, frame))
                    : throw new ConfigIncludeException($"Invalid $include array item: expected string, got {JsTypeOf(item)}", JsString(item))),
            _ => throw new ConfigIncludeException($"Invalid $include value: expected string or array of strings, got {JsTypeOf(includeValue)}", JsString(includeValue)),
        };

        var siblings = obj.Where(p => p.Key != IncludeKey).ToList();
        if (siblings.Count == 0)
            return included;
        if (included is not JsonObject)
        {
            var label = includeValue is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : IncludeKey;
            throw new ConfigIncludeException("Sibling keys require included content to be an object", label);
        }

        var rest = new JsonObject();
        foreach (var (key, value) in siblings)
            rest[key] = Process(value, frame);
        return ConfigJsonMerge.Merge(included, rest);
    }

    private JsonNode? LoadFile(string includePath, Frame frame)
    {
        var (resolvedPath, root) = ResolvePath(includePath, frame);
        if (frame.Visited.Contains(resolvedPath, StringComparer.Ordinal))
        {
            var chain = frame.Visited.Append(resolvedPath).ToList();
            throw new ConfigIncludeException($"Circular include detected: {string.Join(" -> ", chain)}", resolvedPath) { Chain = chain };
        }

        if (frame.Depth >= MaxDepth)
            throw new ConfigIncludeException($"Maximum include depth ({MaxDepth}) exceeded at: {includePath}", includePath);

        var raw = ReadFile(includePath, resolvedPath, root);
        JsonNode? parsed;
        try
        {
            parsed = Json5Parser.Parse(raw);
        }
        catch (Json5ParseException ex)
        {
            throw new ConfigIncludeException($"Failed to parse include file: {includePath} (resolved: {resolvedPath})", includePath, ex);
        }

        return Process(parsed, new Frame(resolvedPath, [.. frame.Visited, resolvedPath], frame.Depth + 1));
    }

    private (string ResolvedPath, IncludeRoot Root) ResolvePath(string includePath, Frame frame)
    {
        if (includePath.Contains('\0', StringComparison.Ordinal))
            throw new ConfigIncludeException("Include path must not contain null bytes", includePath);
        if (includePath.Length >= MaxPathLength)
            throw new ConfigIncludeException($"Include path exceeds maximum length ({MaxPathLength} characters)", includePath);
        var baseDir = Path.GetDirectoryName(frame.BasePath)!;
        var normalized = Path.GetFullPath(Path.IsPathRooted(includePath) ? includePath : Path.Combine(baseDir, includePath));
        if (normalized.Length >= MaxPathLength)
            throw new ConfigIncludeException($"Resolved include path exceeds maximum length ({MaxPathLength} characters)", includePath);

        var lexicalRoot = FindRoot(normalized, useRealDir: false)
            ?? throw new ConfigIncludeException($"Include path escapes config directory: {includePath} (root: {_configRoot.Dir})", includePath);
        WatchPaths.Add(normalized);

        var real = FileSystemPaths.RealPath(normalized);
        if (real is null)
            return (normalized, lexicalRoot);
        var realRoot = FindRoot(real, useRealDir: true)
            ?? throw new ConfigIncludeException($"Include path resolves outside config directory (symlink): {includePath} (root: {_configRoot.Dir})", includePath);
        return (normalized, realRoot);
    }

    private IncludeRoot? FindRoot(string candidate, bool useRealDir)
    {
        if (FileSystemPaths.IsInside(useRealDir ? _configRoot.RealDir : _configRoot.Dir, candidate))
            return _configRoot;
        return _allowedRoots.FirstOrDefault(r => FileSystemPaths.IsInside(useRealDir ? r.RealDir : r.Dir, candidate));
    }

    private string ReadFile(string includePath, string resolvedPath, IncludeRoot root)
    {
        var real = FileSystemPaths.RealPath(resolvedPath);
        if (real is null)
        {
            RecordHash(resolvedPath, null, FileSystemPaths.RealPathViaExistingAncestor(resolvedPath));
            throw new ConfigIncludeException($"Failed to read include file: {includePath} (resolved: {resolvedPath})", includePath, new FileNotFoundException(null, resolvedPath));
        }

        var info = new FileInfo(real);
        if (!info.Exists || (info.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0 || info.Length > MaxFileBytes
            || !FileSystemPaths.IsInside(root.RealDir, real))
            throw new ConfigIncludeException($"Include file failed security checks (regular file, max {MaxFileBytes} bytes, no hardlinks): {includePath}", includePath);

        string raw;
        try
        {
            raw = new UTF8Encoding(false).GetString(File.ReadAllBytes(real));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigIncludeException($"Failed to read include file: {includePath} (resolved: {resolvedPath})", includePath, ex);
        }

        WatchPaths.Add(real);
        RecordHash(resolvedPath, raw, real);
        return raw;
    }

    private void RecordHash(string resolvedPath, string? raw, string target)
    {
        if (!FileHashes.ContainsKey(resolvedPath))
            _hashOrder.Add(resolvedPath);
        FileHashes[resolvedPath] = HashIncludeContent(raw);
        FileTargets[resolvedPath] = target;
    }

    private static string JsTypeOf(JsonNode? node) => node switch
    {
        null or JsonObject or JsonArray => "object",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "undefined",
        },
        _ => "undefined",
    };

    private static string JsString(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "[object Object]",
        JsonArray array => string.Join(",", array.Select(JsString)),
        _ => node.ToJsonString().Trim('"'),
    };

    private sealed record IncludeRoot(string Dir, string RealDir);

    private sealed record Frame(string BasePath, IReadOnlyList<string> Visited, int Depth);
}
