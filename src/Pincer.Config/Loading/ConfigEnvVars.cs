using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Config.Loading;

/// <summary>
/// The config's own environment: <c>env.vars.KEY</c> and the sugar form <c>env.KEY</c> (sugar wins
/// when both name a key; <c>shellEnv</c> and <c>vars</c> are not keys). Values are literal strings;
/// blanks and non-portable names are ignored; nothing already set to a non-blank value is overridden.
/// </summary>
public static partial class ConfigEnvVars
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PortableKey();

    public static IReadOnlyDictionary<string, string> Collect(JsonNode? config)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config is not JsonObject root || root["env"] is not JsonObject env)
            return entries;
        if (env["vars"] is JsonObject vars)
        {
            foreach (var (key, value) in vars)
                AddIfUsable(entries, key, value);
        }

        foreach (var (key, value) in env)
        {
            if (key is "shellEnv" or "vars")
                continue;
            AddIfUsable(entries, key, value);
        }

        return entries;
    }

    /// <summary>Returns <paramref name="env"/> plus every config var whose key is unset or blank there.</summary>
    public static Dictionary<string, string> ApplyTo(JsonNode? config, IReadOnlyDictionary<string, string> env)
    {
        var result = new Dictionary<string, string>(env, StringComparer.Ordinal);
        foreach (var (key, value) in Collect(config))
        {
            if (!result.TryGetValue(key, out var existing) || string.IsNullOrWhiteSpace(existing))
                result[key] = value;
        }

        return result;
    }

    private static void AddIfUsable(Dictionary<string, string> entries, string rawKey, JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            return;
        var key = rawKey.Trim();
        if (PortableKey().IsMatch(key))
            entries[key] = text;
    }
}
