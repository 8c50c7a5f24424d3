using Pincer.Config.Json5;
using Pincer.Config.Loading;

namespace Pincer.Config.Tests.Loading;

public sealed class ConfigFileLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pincer-cfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Missing_file_is_empty_config_with_the_missing_hash()
    {
        var snap = ConfigFileLoader.Load(Path.Combine(_dir, "openclaw.json"), Env());
        Assert.False(snap.Exists);
        Assert.Equal("{}", snap.Resolved!.ToJsonString());
        Assert.Equal("ffa63583dfa6706b87d284b86b0d693a161e4840aad2c5cf6b5d27c3b9621f7d", snap.Hash);
    }

    [Fact]
    public void Parse_error_becomes_an_issue_with_the_json5_position()
    {
        var path = Write("openclaw.json", "{\n  gateway: {port 1}\n}");
        var snap = ConfigFileLoader.Load(path, Env());
        var issue = Assert.Single(snap.ParseIssues);
        Assert.Equal("", issue.Path);
        Assert.Equal("JSON5 parse failed: SyntaxError: JSON5: invalid character '1' at 2:18", issue.Message);
        Assert.Null(snap.Resolved);
    }

    [Fact]
    public void Single_and_array_includes_merge_with_siblings_overriding()
    {
        Write("base.json5", "{gateway: {port: 1, bind: 'loopback'}, tags: ['a']}");
        Write("more.json5", "{gateway: {port: 2}, tags: ['b']}");
        Write("agents.json5", "{defaults: {model: 'm'}}");
        var path = Write("openclaw.json", "{$include: ['./base.json5', 'more.json5'], gateway: {port: 3}, agents: {$include: './agents.json5'}}");
        var snap = ConfigFileLoader.Load(path, Env());
        Assert.Empty(snap.ParseIssues);
        var r = snap.Resolved!;
        Assert.Equal(3, r["gateway"]!["port"]!.GetValue<int>());
        Assert.Equal("loopback", r["gateway"]!["bind"]!.GetValue<string>());
        Assert.Equal("""["a","b"]""", r["tags"]!.ToJsonString());
        Assert.Equal("m", r["agents"]!["defaults"]!["model"]!.GetValue<string>());
        Assert.Contains(Path.Combine(_dir, "base.json5"), snap.IncludedPaths);
        Assert.Equal(3, snap.IncludeFileHashes.Count);
    }

    [Fact]
    public void Hash_changes_when_an_included_file_changes()
    {
        var inc = Write("inc.json5", "{a: 1}");
        var path = Write("openclaw.json", "{$include: './inc.json5'}");
        var before = ConfigFileLoader.Load(path, Env()).Hash;
        Assert.Equal(before, ConfigFileLoader.Load(path, Env()).Hash);
        File.WriteAllText(inc, "{a: 2}");
        Assert.NotEqual(before, ConfigFileLoader.Load(path, Env()).Hash);
    }

    [Fact]
    public void Circular_include_is_reported_with_the_chain()
    {
        Write("a.json5", "{$include: './b.json5'}");
        Write("b.json5", "{$include: './a.json5'}");
        var path = Write("openclaw.json", "{$include: './a.json5'}");
        var issue = Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues);
        var a = Path.Combine(_dir, "a.json5");
        Assert.Equal($"Circular include detected: {path} -> {a} -> {Path.Combine(_dir, "b.json5")} -> {a}", issue.Message);
    }

    [Fact]
    public void Depth_limit_is_ten()
    {
        for (var i = 0; i < 11; i++)
            Write($"d{i}.json5", i == 10 ? "{x: 1}" : $"{{$include: './d{i + 1}.json5'}}");
        var path = Write("openclaw.json", "{$include: './d0.json5'}");
        var issue = Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues);
        Assert.Equal("Maximum include depth (10) exceeded at: ./d10.json5", issue.Message);

        File.WriteAllText(Path.Combine(_dir, "d9.json5"), "{x: 9}");
        Assert.Empty(ConfigFileLoader.Load(path, Env()).ParseIssues);
    }

    [Fact]
    public void Includes_are_confined_to_the_config_dir_unless_a_root_is_added()
    {
        var outside = Directory.CreateTempSubdirectory("pincer-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "x.json5"), "{y: 1}");
            var path = Write("openclaw.json", $"{{$include: '{Path.Combine(outside, "x.json5")}'}}");
            var issue = Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues);
            Assert.Equal($"Include path escapes config directory: {Path.Combine(outside, "x.json5")} (root: {_dir})", issue.Message);

            var allowed = ConfigFileLoader.Load(path, Env(("OPENCLAW_INCLUDE_ROOTS", outside)));
            Assert.Empty(allowed.ParseIssues);
            Assert.Equal(1, allowed.Resolved!["y"]!.GetValue<int>());
        }
        finally
        {
            Directory.Delete(outside, true);
        }
    }

    [Fact]
    public void Symlink_escaping_the_root_is_rejected()
    {
        var outside = Directory.CreateTempSubdirectory("pincer-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "x.json5"), "{y: 1}");
            File.CreateSymbolicLink(Path.Combine(_dir, "link.json5"), Path.Combine(outside, "x.json5"));
            var path = Write("openclaw.json", "{$include: './link.json5'}");
            var issue = Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues);
            Assert.Equal($"Include path resolves outside config directory (symlink): ./link.json5 (root: {_dir})", issue.Message);
        }
        finally
        {
            Directory.Delete(outside, true);
        }
    }

    [Fact]
    public void Missing_unparsable_oversized_and_malformed_includes()
    {
        var path = Write("openclaw.json", "{$include: './nope.json5'}");
        Assert.Equal($"Failed to read include file: ./nope.json5 (resolved: {Path.Combine(_dir, "nope.json5")})", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);

        Write("bad.json5", "{a:");
        File.WriteAllText(path, "{$include: './bad.json5'}");
        Assert.Equal($"Failed to parse include file: ./bad.json5 (resolved: {Path.Combine(_dir, "bad.json5")})", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);

        Write("big.json5", "'" + new string('a', ConfigIncludeResolver.MaxFileBytes) + "'");
        File.WriteAllText(path, "{$include: './big.json5'}");
        Assert.Equal("Include file failed security checks (regular file, max 2097152 bytes, no hardlinks): ./big.json5", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);

        File.WriteAllText(path, "{$include: 5}");
        Assert.Equal("Invalid $include value: expected string or array of strings, got number", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);

        File.WriteAllText(path, "{$include: ['./a.json5', true]}");
        Write("a.json5", "{}");
        Assert.Equal("Invalid $include array item: expected string, got boolean", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);

        Write("list.json5", "[1]");
        File.WriteAllText(path, "{$include: './list.json5', x: 1}");
        Assert.Equal("Sibling keys require included content to be an object", Assert.Single(ConfigFileLoader.Load(path, Env()).ParseIssues).Message);
    }

    [Fact]
    public void Env_substitution_escapes_and_warnings()
    {
        var path = Write("openclaw.json", """
            {
              a: "${TOKEN}", b: "x-${TOKEN}-${MISSING}", c: "$${TOKEN}", d: "${lower} $5 ${EMPTY}",
              list: ["${TOKEN}"], "odd.key": "${MISSING}",
              env: { vars: { FROM_VARS: "v" }, SUGAR: "s" }, e: "${FROM_VARS}${SUGAR}", f: "${TOKEN2}",
            }
            """);
        var snap = ConfigFileLoader.Load(path, Env(("TOKEN", "secret"), ("EMPTY", ""), ("TOKEN2", "kept")));
        var r = snap.Resolved!;
        Assert.Equal("secret", r["a"]!.GetValue<string>());
        Assert.Equal("x-secret-${MISSING}", r["b"]!.GetValue<string>());
        Assert.Equal("${TOKEN}", r["c"]!.GetValue<string>());
        Assert.Equal("${lower} $5 ${EMPTY}", r["d"]!.GetValue<string>());
        Assert.Equal("secret", r["list"]![0]!.GetValue<string>());
        Assert.Equal("vs", r["e"]!.GetValue<string>());
        Assert.Equal("kept", r["f"]!.GetValue<string>());
        Assert.Equal(
            [("b", "MISSING"), ("d", "EMPTY"), ("[\"odd.key\"]", "MISSING")],
            snap.Warnings.Select(w => (w.Path, w.Message.Split('"')[1])));
        Assert.Equal("Missing env var \"MISSING\" - feature using this value will be unavailable", snap.Warnings[0].Message);
        Assert.Equal("v", snap.Env["FROM_VARS"]);
    }

    [Fact]
    public void Config_env_vars_never_override_existing_values()
    {
        var path = Write("openclaw.json", "{env: {vars: {A: 'config'}, B: 'config', C: '  '}, x: '${A}${B}'}");
        var snap = ConfigFileLoader.Load(path, Env(("A", "process"), ("B", " ")));
        Assert.Equal("processconfig", snap.Resolved!["x"]!.GetValue<string>());
        Assert.False(snap.Env.ContainsKey("C"));
    }

    [Fact]
    public void Resolved_hash_uses_sorted_keys_and_javascript_number_text()
    {
        var node = Json5Parser.Parse("{b: [1, 0.1, 1e21, 1.5e-7, 1152921504606846976], a: 'x\\u0001é', B: true}");
        Assert.Equal("""{"B":true,"a":"x\u0001é","b":[1,0.1,1e+21,1.5e-7,1152921504606847000]}""", JavaScriptJson.StableStringify(node));
        // Digest computed with the reference's recipe in node.
        Assert.Equal("-Wa1Tq0mPRvbVo3OKNo-jYYo8m_OUxZtyARaM4psSK8", JavaScriptJson.Sha256Base64Url(JavaScriptJson.StableStringify(node)));
    }

    [Fact]
    public void Projector_matches_the_reference_token_format()
    {
        var projector = new ConfigRevisionProjector(Enumerable.Repeat((byte)7, 32).ToArray());
        Assert.Equal("hmac-sha256:v1:pQuTreLjyqV79PDmsYU5brwARj1-VICrjPChnEJJxUA", projector.ProjectRawHash("abc"));
        Assert.NotEqual(projector.ProjectRawHash("abc"), projector.ProjectResolvedHash("abc"));
        Assert.Throws<ArgumentException>(() => new ConfigRevisionProjector(new byte[16]));
    }
}
