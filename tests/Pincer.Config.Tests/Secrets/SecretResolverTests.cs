using System.Text.Json.Nodes;
using Pincer.Config.Secrets;

namespace Pincer.Config.Tests.Secrets;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pincer-secrets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dictionary<string, string> NoEnv = [];

    private static JsonObject Config(string providersJson, string defaults = "{}") =>
        JsonNode.Parse($$"""{ "secrets": { "providers": {{providersJson}}, "defaults": {{defaults}} } }""")!.AsObject();

    private string PrivateFile(string name, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static SecretResolutionException Fails(JsonObject config, SecretRef r, IReadOnlyDictionary<string, string>? env = null) =>
        Assert.Throws<SecretResolutionException>(() => new SecretResolver(config, env ?? NoEnv).ResolveString(r));

    [Fact]
    public void Env_default_provider_is_built_in()
    {
        var env = new Dictionary<string, string> { ["MY_TOKEN"] = "s3cret" };
        Assert.Equal("s3cret", new SecretResolver([], env).ResolveString(new SecretRef("env", "default", "MY_TOKEN")));
    }

    [Fact]
    public void Env_missing_and_allowlist()
    {
        var ex = Fails([], new SecretRef("env", "default", "MISSING_VAR"));
        Assert.Equal("SECRET_REF_NOT_FOUND", ex.Code);
        Assert.Equal("Environment variable \"MISSING_VAR\" is missing or empty.", ex.Message);

        var env = new Dictionary<string, string> { ["OTHER"] = "x" };
        ex = Fails(Config("""{ "vault": { "source": "env", "allowlist": ["ONLY_THIS"] } }"""), new SecretRef("env", "vault", "OTHER"), env);
        Assert.Equal("SECRET_REF_POLICY_DENIED", ex.Code);
        Assert.Equal("Environment variable \"OTHER\" is not allowlisted in secrets.providers.vault.allowlist.", ex.Message);
    }

    [Fact]
    public void Defaults_rename_the_built_in_env_alias()
    {
        var env = new Dictionary<string, string> { ["A"] = "v" };
        var config = Config("{}", """{ "env": "sys" }""");
        Assert.Equal("v", new SecretResolver(config, env).ResolveString(new SecretRef("env", "sys", "A")));
        var ex = Fails(config, new SecretRef("env", "default", "A"), env);
        Assert.Equal("SECRET_PROVIDER_NOT_CONFIGURED", ex.Code);
        Assert.Equal("Secret provider \"default\" is not configured (ref: env:default:A).", ex.Message);
    }

    [Fact]
    public void Missing_provider_and_source_mismatch()
    {
        var ex = Fails([], new SecretRef("file", "nope", "/a"));
        Assert.Equal("Secret provider \"nope\" is not configured (ref: file:nope:/a).", ex.Message);
        ex = Fails(Config("""{ "f": { "source": "file", "path": "/x" } }"""), new SecretRef("exec", "f", "a"));
        Assert.Equal("SECRET_PROVIDER_INVALID", ex.Code);
        Assert.Equal("Secret provider \"f\" has source \"file\" but ref requests \"exec\".", ex.Message);
    }

    [Fact]
    public void Bad_ref_grammar_is_rejected()
    {
        Assert.Equal("SECRET_REF_INVALID", Fails([], new SecretRef("env", "Bad", "X")).Code);
        Assert.StartsWith("Env secret reference id must match", Fails([], new SecretRef("env", "default", "lower")).Message);
        Assert.StartsWith("File secret reference id must be an absolute JSON pointer", Fails([], new SecretRef("file", "f", "a/b")).Message);
        Assert.StartsWith("Exec secret reference id must match", Fails([], new SecretRef("exec", "x", "a/../b")).Message);
    }

    [Fact]
    public void File_json_pointer_and_single_value()
    {
        var json = PrivateFile("s.json", """{ "gateway": { "token": "tok-1", "a~b": { "c/d": "esc" } }, "list": ["zero", "one"] }""");
        var single = PrivateFile("token.txt", "plain-secret\n");
        var config = Config($$"""{ "f": { "source": "file", "path": "{{json}}", "mode": "json" }, "one": { "source": "file", "path": "{{single}}", "mode": "singleValue" } }""");
        var resolver = new SecretResolver(config, NoEnv);
        Assert.Equal("tok-1", resolver.ResolveString(new SecretRef("file", "f", "/gateway/token")));
        Assert.Equal("esc", resolver.ResolveString(new SecretRef("file", "f", "/gateway/a~0b/c~1d")));
        Assert.Equal("one", resolver.ResolveString(new SecretRef("file", "f", "/list/1")));
        Assert.Equal("plain-secret", resolver.ResolveString(new SecretRef("file", "one", "value")));

        var ex = Fails(config, new SecretRef("file", "f", "/gateway/nope"));
        Assert.Equal("SECRET_REF_NOT_FOUND", ex.Code);
        Assert.Equal("JSON pointer segment \"nope\" does not exist.", ex.Message);
        Assert.Equal("JSON pointer segment \"5\" is out of bounds.", Fails(config, new SecretRef("file", "f", "/list/5")).Message);
        Assert.Equal("singleValue file provider \"one\" expects ref id \"value\".", Fails(config, new SecretRef("file", "one", "/x")).Message);
        Assert.Equal("Secret reference \"file:f:/gateway\" resolved to a non-string or empty value.", Fails(config, new SecretRef("file", "f", "/gateway")).Message);
    }

    [Fact]
    public void File_security_and_caps()
    {
        var open = PrivateFile("open.json", """{"a":"b"}""", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var big = PrivateFile("big.json", $$"""{"a":"{{new string('x', 200)}}"}""");
        var target = PrivateFile("target.json", """{"a":"b"}""");
        var link = Path.Combine(_dir, "link.json");
        File.CreateSymbolicLink(link, target);
        var config = Config($$"""
            {
              "open": { "source": "file", "path": "{{open}}" },
              "big": { "source": "file", "path": "{{big}}", "maxBytes": 64 },
              "link": { "source": "file", "path": "{{link}}" },
              "gone": { "source": "file", "path": "{{_dir}}/gone.json" },
              "rel": { "source": "file", "path": "relative.json" },
              "arr": { "source": "file", "path": "{{PrivateFile("arr.json", "[1]")}}" }
            }
            """);
        Assert.Equal($"secrets.providers.open.path permissions are too open: {open}", Fails(config, new SecretRef("file", "open", "/a")).Message);
        Assert.Equal("secrets.providers.big.path exceeded maxBytes (64).", Fails(config, new SecretRef("file", "big", "/a")).Message);
        Assert.Equal($"secrets.providers.link.path must not be a symlink: {link}", Fails(config, new SecretRef("file", "link", "/a")).Message);
        Assert.Equal($"secrets.providers.gone.path is not readable: {_dir}/gone.json", Fails(config, new SecretRef("file", "gone", "/a")).Message);
        Assert.Equal("secrets.providers.rel.path must be an absolute path.", Fails(config, new SecretRef("file", "rel", "/a")).Message);
        Assert.Equal("File provider \"arr\" payload is not a JSON object.", Fails(config, new SecretRef("file", "arr", "/a")).Message);
        Assert.Equal("SECRET_PROVIDER_UNAVAILABLE", Fails(config, new SecretRef("file", "open", "/a")).Code);
    }

    [Fact]
    public void File_hardlink_is_rejected()
    {
        var target = PrivateFile("h.json", """{"a":"b"}""");
        var hard = Path.Combine(_dir, "h2.json");
        using (var ln = System.Diagnostics.Process.Start("/bin/ln", [target, hard]))
            ln.WaitForExit();
        var config = Config($$"""{ "h": { "source": "file", "path": "{{hard}}" } }""");
        Assert.Equal($"secrets.providers.h.path must not be hardlinked: {hard}", Fails(config, new SecretRef("file", "h", "/a")).Message);
    }

    [Fact]
    public void Exec_protocol_request_and_response()
    {
        var captured = Path.Combine(_dir, "request.json");
        var script = Script("provider.sh", $$$"""
            cat > '{{{captured}}}'
            printf '{"protocolVersion":1,"values":{"gw/token":"exec-tok-%s"}}' "$EXTRA"
            """);
        var config = Config($$"""{ "vault": { "source": "exec", "command": "{{script}}", "env": { "EXTRA": "42" } } }""");
        Assert.Equal("exec-tok-42", new SecretResolver(config, NoEnv).ResolveString(new SecretRef("exec", "vault", "gw/token")));
        Assert.Equal("""{"protocolVersion":1,"provider":"vault","ids":["gw/token"]}""", File.ReadAllText(captured));
    }

    [Fact]
    public void Exec_env_is_only_pass_env_and_env()
    {
        var script = Script("envp.sh", """printf '{"protocolVersion":1,"values":{"k":"%s|%s"}}' "$PASSED" "$HIDDEN" """);
        var config = Config($$"""{ "x": { "source": "exec", "command": "{{script}}", "passEnv": ["PASSED"] } }""");
        var env = new Dictionary<string, string> { ["PASSED"] = "p", ["HIDDEN"] = "h" };
        Assert.Equal("p|", new SecretResolver(config, env).ResolveString(new SecretRef("exec", "x", "k")));
    }

    [Fact]
    public void Exec_plain_output_needs_json_only_false()
    {
        var script = Script("plain.sh", "echo raw-value");
        var lax = Config($$"""{ "x": { "source": "exec", "command": "{{script}}", "jsonOnly": false } }""");
        Assert.Equal("raw-value", new SecretResolver(lax, NoEnv).ResolveString(new SecretRef("exec", "x", "k")));
        var strict = Config($$"""{ "x": { "source": "exec", "command": "{{script}}" } }""");
        Assert.Equal("Exec provider \"x\" returned invalid JSON.", Fails(strict, new SecretRef("exec", "x", "k")).Message);
    }

    [Theory]
    [InlineData("echo '{\"protocolVersion\":2,\"values\":{}}'", "Exec provider \"x\" protocolVersion must be 1.")]
    [InlineData("echo '{\"protocolVersion\":1}'", "Exec provider \"x\" response missing \"values\".")]
    [InlineData("echo '[1]'", "Exec provider \"x\" response must be an object.")]
    [InlineData("true", "Exec provider \"x\" returned empty stdout.")]
    [InlineData("exit 3", "Exec provider \"x\" exited with code 3.")]
    [InlineData("echo '{\"protocolVersion\":1,\"values\":{}}'", "Exec provider \"x\" response missing id \"k\".")]
    [InlineData("echo '{\"protocolVersion\":1,\"values\":{},\"errors\":{\"k\":{\"code\":\"NOT_FOUND\"}}}'", "Exec provider \"x\" failed for id \"k\" (NOT_FOUND).")]
    [InlineData("echo '{\"protocolVersion\":1,\"values\":{},\"errors\":{\"k\":{\"code\":\"SECRET_LEAK\"}}}'", "Exec provider \"x\" failed for id \"k\".")]
    public void Exec_response_errors(string body, string message)
    {
        var config = Config($$"""{ "x": { "source": "exec", "command": "{{Script("bad.sh", body)}}" } }""");
        Assert.Equal(message, Fails(config, new SecretRef("exec", "x", "k")).Message);
    }

    [Fact]
    public void Exec_timeouts_and_output_cap()
    {
        var slow = Script("slow.sh", "sleep 5; echo '{}'");
        var quietThenLate = Script("quiet.sh", "echo -n '{' ; sleep 5");
        var chatty = Script("chatty.sh", "head -c 100000 /dev/zero | tr '\\0' 'a'");
        var config = Config($$"""
            {
              "slow": { "source": "exec", "command": "{{slow}}", "timeoutMs": 300 },
              "quiet": { "source": "exec", "command": "{{quietThenLate}}", "timeoutMs": 4000, "noOutputTimeoutMs": 300 },
              "chatty": { "source": "exec", "command": "{{chatty}}", "maxOutputBytes": 1000 }
            }
            """);
        var started = DateTime.UtcNow;
        Assert.Equal("Exec provider \"slow\" timed out after 300ms.", Fails(config, new SecretRef("exec", "slow", "k")).Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        Assert.Equal("Exec provider \"quiet\" produced no output for 300ms.", Fails(config, new SecretRef("exec", "quiet", "k")).Message);
        Assert.Equal("Exec provider output exceeded maxOutputBytes (1000).", Fails(config, new SecretRef("exec", "chatty", "k")).Message);
    }

    [Fact]
    public void Exec_command_checks()
    {
        var real = Script("real.sh", "echo '{\"protocolVersion\":1,\"values\":{\"k\":\"v\"}}'");
        var link = Path.Combine(_dir, "link.sh");
        File.CreateSymbolicLink(link, real);
        var writable = Script("gw.sh", "true");
        File.SetUnixFileMode(writable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite);
        var config = Config($$"""
            {
              "link": { "source": "exec", "command": "{{link}}" },
              "rel": { "source": "exec", "command": "real.sh" },
              "gw": { "source": "exec", "command": "{{writable}}" },
              "dir": { "source": "exec", "command": "{{_dir}}" },
              "out": { "source": "exec", "command": "{{real}}", "trustedDirs": ["/opt/nowhere"] },
              "in": { "source": "exec", "command": "{{real}}", "trustedDirs": ["{{_dir}}"] }
            }
            """);
        Assert.Equal($"secrets.providers.link.command must not be a symlink: {link}", Fails(config, new SecretRef("exec", "link", "k")).Message);
        Assert.Equal("secrets.providers.rel.command must be an absolute path.", Fails(config, new SecretRef("exec", "rel", "k")).Message);
        Assert.Equal($"secrets.providers.gw.command permissions are too open: {writable}", Fails(config, new SecretRef("exec", "gw", "k")).Message);
        Assert.Equal($"secrets.providers.dir.command must be a file: {_dir}", Fails(config, new SecretRef("exec", "dir", "k")).Message);
        Assert.Equal($"secrets.providers.out.command is outside trustedDirs: {real}", Fails(config, new SecretRef("exec", "out", "k")).Message);
        Assert.Equal("v", new SecretResolver(config, NoEnv).ResolveString(new SecretRef("exec", "in", "k")));
    }

    [Fact]
    public void Redaction_placeholders_are_refused()
    {
        var env = new Dictionary<string, string> { ["T"] = "__OPENCLAW_REDACTED__" };
        Assert.Equal("SECRET_REF_REDACTED_VALUE", Fails([], new SecretRef("env", "default", "T"), env).Code);
    }
}
