using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Config.Json5;
using Pincer.Config.Paths;

namespace Pincer.Config.Loading;

/// <summary>
/// Reads the config file: parse JSON5 → expand <c>$include</c> → apply the config's <c>env</c> vars
/// → substitute <c>${VAR}</c>. Never throws for bad content; failures land in
/// <see cref="ConfigFileSnapshot.ParseIssues"/>. Dotenv files are not read here: callers build the
/// environment first (<see cref="DotEnvLoader"/>). Validation and defaults are separate steps.
/// </summary>
public static class ConfigFileLoader
{
    public static ConfigFileSnapshot Load(string path, IReadOnlyDictionary<string, string> env)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return new ConfigFileSnapshot
            {
                Path = fullPath,
                Exists = false,
                Parsed = new JsonObject(),
                Authored = new JsonObject(),
                Resolved = new JsonObject(),
                Hash = ConfigIncludeResolver.HashIncludeContent(null),
                ResolvedHash = JavaScriptJson.Sha256Base64Url("{}"),
                Env = ConfigEnvVars.ApplyTo(null, env),
            };
        }

        var raw = new UTF8Encoding(false).GetString(File.ReadAllBytes(fullPath));
        var rawHash = Sha256Hex(raw);
        JsonNode? parsed;
        try
        {
            parsed = Json5Parser.Parse(raw);
        }
        catch (Json5ParseException ex)
        {
            return new ConfigFileSnapshot
            {
                Path = fullPath,
                Exists = true,
                Raw = raw,
                Parsed = new JsonObject(),
                Hash = rawHash,
                ParseIssues = [new ConfigIssue("", $"JSON5 parse failed: SyntaxError: {ex.Message}")],
                Env = new Dictionary<string, string>(env, StringComparer.Ordinal),
            };
        }

        var includes = ConfigIncludeResolver.Create(fullPath, ConfigPathResolver.ResolveIncludeRoots(env));
        JsonNode? authored;
        try
        {
            authored = includes.Resolve(parsed, fullPath);
        }
        catch (ConfigIncludeException ex)
        {
            return new ConfigFileSnapshot
            {
                Path = fullPath,
                Exists = true,
                Raw = raw,
                Parsed = parsed,
                IncludedPaths = includes.WatchPaths.ToList(),
                Hash = rawHash,
                IncludeFileHashes = new Dictionary<string, string>(includes.FileHashes, StringComparer.Ordinal),
                ParseIssues = [new ConfigIssue("", ex.Message)],
                Env = new Dictionary<string, string>(env, StringComparer.Ordinal),
            };
        }

        var effectiveEnv = ConfigEnvVars.ApplyTo(authored, env);
        var warnings = new List<ConfigIssue>();
        var resolved = EnvSubstitution.Apply(authored, effectiveEnv, warnings);
        return new ConfigFileSnapshot
        {
            Path = fullPath,
            Exists = true,
            Raw = raw,
            Parsed = parsed,
            Authored = authored,
            Resolved = resolved,
            IncludedPaths = includes.WatchPaths.ToList(),
            Hash = RevisionHash(raw, includes),
            ResolvedHash = JavaScriptJson.Sha256Base64Url(JavaScriptJson.StableStringify(resolved is JsonObject ? resolved : new JsonObject())),
            IncludeFileHashes = new Dictionary<string, string>(includes.FileHashes, StringComparer.Ordinal),
            Warnings = warnings,
            Env = effectiveEnv,
        };
    }

    // SHA-256 over the main file text followed by, per include in first-read order,
    // JSON.stringify([lexicalPath, canonicalPath, contentHash]) — the reference's revision recipe.
    private static string RevisionHash(string raw, ConfigIncludeResolver includes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(raw));
        foreach (var includePath in includes.HashOrder)
        {
            var target = includes.FileTargets.TryGetValue(includePath, out var t) ? JavaScriptJson.QuoteString(t) : "null";
            var entry = $"[{JavaScriptJson.QuoteString(includePath)},{target},{JavaScriptJson.QuoteString(includes.FileHashes[includePath])}]";
            hash.AppendData(Encoding.UTF8.GetBytes(entry));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
