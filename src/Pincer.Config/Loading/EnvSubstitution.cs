using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Config.Loading;

/// <summary>
/// Replaces <c>${VAR}</c> (VAR = <c>[A-Z_][A-Z0-9_]*</c>) in every string value (never in keys).
/// A missing or empty variable leaves the text as written and records a warning at the value's
/// config path; <c>$${VAR}</c> produces a literal <c>${VAR}</c>. Anything else after a <c>$</c> is kept.
/// </summary>
internal static partial class EnvSubstitution
{
    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex VarName();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$:-]*$")]
    private static partial Regex PlainPathSegment();

    public static JsonNode? Apply(JsonNode? node, IReadOnlyDictionary<string, string> env, List<ConfigIssue> warnings) =>
        Visit(node, "", env, warnings);

    /// <summary>Config path notation used in warnings: <c>a.b</c>, <c>a[0]</c>, <c>a["x.y"]</c>.</summary>
    public static string AppendSegment(string path, string segment)
    {
        if (!PlainPathSegment().IsMatch(segment))
            return $"{path}[{JavaScriptJson.QuoteString(segment)}]";
        return path.Length == 0 ? segment : $"{path}.{segment}";
    }

    public static string Substitute(string value, IReadOnlyDictionary<string, string> env, string configPath, List<ConfigIssue> warnings)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
            return value;
        var output = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$')
            {
                output.Append(value[i]);
                continue;
            }

            if (TryToken(value, i + 1, escaped: true, out var escapedName, out var escapedEnd))
            {
                output.Append("${").Append(escapedName).Append('}');
                i = escapedEnd;
                continue;
            }

            if (TryToken(value, i, escaped: false, out var name, out var end))
            {
                if (env.TryGetValue(name, out var envValue) && envValue.Length > 0)
                {
                    output.Append(envValue);
                }
                else
                {
                    warnings.Add(new ConfigIssue(configPath, $"Missing env var \"{name}\" - feature using this value will be unavailable"));
                    output.Append("${").Append(name).Append('}');
                }

                i = end;
                continue;
            }

            output.Append('$');
        }

        return output.ToString();
    }

    // For escaped=true, index points at the second "$" of "$${".
    private static bool TryToken(string value, int index, bool escaped, out string name, out int end)
    {
        name = "";
        end = -1;
        if (escaped && (index >= value.Length || value[index] != '$'))
            return false;
        var brace = index + 1;
        if (brace >= value.Length || value[brace] != '{')
            return false;
        end = value.IndexOf('}', brace + 1);
        if (end < 0)
            return false;
        name = value[(brace + 1)..end];
        return VarName().IsMatch(name);
    }

    private static JsonNode? Visit(JsonNode? node, string path, IReadOnlyDictionary<string, string> env, List<ConfigIssue> warnings)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                    result[key] = Visit(value, AppendSegment(path, key), env, warnings);
                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                    items.Add(Visit(array[i], $"{path}[{i}]", env, warnings));
                return items;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonValue.Create(Substitute(text, env, path, warnings));
            default:
                return node?.DeepClone();
        }
    }
}
