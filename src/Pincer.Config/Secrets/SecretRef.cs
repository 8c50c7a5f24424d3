using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Config.Secrets;

/// <summary>
/// A pointer to a credential kept outside the config: <c>{source, provider, id}</c> with
/// source <c>env</c> | <c>file</c> | <c>exec</c> | <c>store</c>. Grammar (from the reference):
/// provider alias <c>^[a-z][a-z0-9_-]{0,63}$</c>; env/store ids <c>^[A-Z][A-Z0-9_]{0,127}$</c>;
/// file ids <c>"value"</c> or a JSON pointer (<c>/a/b</c>, segments may use only <c>~0</c>/<c>~1</c>
/// escapes); exec ids <c>^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$</c> without <c>.</c>/<c>..</c> segments.
/// </summary>
public sealed partial record SecretRef(string Source, string Provider, string Id)
{
    public const string DefaultProviderAlias = "default";

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex ProviderAlias();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,127}$")]
    private static partial Regex EnvId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$")]
    private static partial Regex ExecId();

    [GeneratedRegex("^(?:[^~]|~0|~1)*$")]
    private static partial Regex PointerSegment();

    /// <summary>Reads the exact shape: an object with exactly source, provider and id, all non-blank strings.</summary>
    public static SecretRef? TryRead(JsonNode? node)
    {
        if (node is not JsonObject obj || obj.Count != 3)
            return null;
        if (!TryString(obj["source"], out var source) || source is not ("env" or "file" or "exec" or "store"))
            return null;
        if (!TryString(obj["provider"], out var provider) || provider.Trim().Length == 0)
            return null;
        if (!TryString(obj["id"], out var id) || id.Trim().Length == 0)
            return null;
        return new SecretRef(source, provider, id);
    }

    public static bool IsValidProviderAlias(string value) => ProviderAlias().IsMatch(value);

    public static bool IsValidEnvId(string value) => EnvId().IsMatch(value);

    public static bool IsValidFileId(string value) =>
        value == "value" || (value.StartsWith('/') && value[1..].Split('/').All(s => PointerSegment().IsMatch(s)));

    public static bool IsValidExecId(string value) =>
        ExecId().IsMatch(value) && value.Split('/').All(s => s is not ("." or ".."));

    public bool IsValid => IsValidProviderAlias(Provider) && Source switch
    {
        "env" or "store" => IsValidEnvId(Id),
        "file" => IsValidFileId(Id),
        "exec" => IsValidExecId(Id),
        _ => false,
    };

    /// <summary>The cache/compare key <c>source:provider:id</c>.</summary>
    public string Key => $"{Source}:{Provider}:{Id}";

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        return node is JsonValue v && v.TryGetValue(out value!);
    }
}
