using System.Text.Json.Nodes;

namespace Pincer.Parity.Scenarios;

/// <summary>
/// What a gateway is started from. Scenarios with equal keys share one started gateway, because
/// the reference takes 8–15 s to start. With <c>FakeModel</c> each started gateway gets its own loopback fake model
/// server (<c>Pincer.Fakes</c>), which the config and files name as <c>${modelBaseUrl}</c>; <c>${runDir}</c> is the
/// run dir either way.
/// </summary>
public sealed record GatewaySpec(
    string AuthMode,
    string? Token,
    string? Password,
    JsonObject Config,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> ExtraArgs,
    string Instance,
    string? SeedStateDir = null,
    bool FakeModel = false)
{
    public static readonly JsonObject DefaultConfig = new()
    {
        ["update"] = new JsonObject { ["checkOnStart"] = false },
        ["models"] = new JsonObject { ["catalogRefresh"] = new JsonObject { ["enabled"] = false } },
    };

    /// <summary>
    /// A directory (relative to <c>parity/</c>) copied into the run's <c>state/</c> before the gateway
    /// starts, e.g. a state dir another gateway wrote; the scenario's config and files are written over it.
    /// </summary>
    public string? SeedStatePath => SeedStateDir is null ? null : Path.GetFullPath(Path.Combine(Running.ParityPaths.ParityDir, SeedStateDir));

    /// <summary>Stable identity of the started process this spec needs.</summary>
    public string Key =>
        string.Join("\u001f", AuthMode, Token ?? "", Password ?? "", Config.ToJsonString(),
            string.Join("\u001e", Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value)),
            string.Join(" ", ExtraArgs), Instance, SeedStateDir ?? "", FakeModel ? "fake-model" : "");

    /// <summary>The gateway-run arguments after <c>--port P</c>.</summary>
    public IReadOnlyList<string> AuthArgs()
    {
        var args = new List<string> { "--auth", AuthMode };
        if (Token is not null)
        {
            args.Add("--token");
            args.Add(Token);
        }

        if (Password is not null)
        {
            args.Add("--password");
            args.Add(Password);
        }

        args.AddRange(ExtraArgs);
        return args;
    }

    public static GatewaySpec Parse(JsonObject? node)
    {
        node ??= [];
        var mode = (string?)node["auth"] ?? "token";
        var token = (string?)node["token"] ?? (mode == "token" ? "testtoken" : null);
        var password = (string?)node["password"] ?? (mode == "password" ? "testpassword" : null);
        var config = node["config"] is JsonObject c ? (JsonObject)c.DeepClone() : (JsonObject)DefaultConfig.DeepClone();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node["files"] is JsonObject f)
        {
            foreach (var (path, content) in f)
            {
                files[path] = content is JsonValue v && v.TryGetValue<string>(out var s) ? s : content?.ToJsonString() ?? "";
            }
        }

        var extra = node["args"] is JsonArray a ? a.Select(x => (string?)x ?? "").ToList() : [];
        return new GatewaySpec(mode, token, password, config, files, extra, (string?)node["instance"] ?? "", (string?)node["seedStateDir"], (bool?)node["fakeModel"] ?? false);
    }
}
