using Pincer.Config.Paths;

namespace Pincer.Config.Tests.Paths;

public sealed class ConfigPathResolverTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("pincer-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Dictionary<string, string> Env(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = _home };
        foreach (var (key, value) in extra)
            env[key] = value;
        return env;
    }

    [Fact]
    public void Defaults_live_under_home_dot_openclaw()
    {
        var env = Env();
        Assert.Equal(Path.Combine(_home, ".openclaw"), ConfigPathResolver.ResolveStateDir(env));
        Assert.Equal(Path.Combine(_home, ".openclaw", "openclaw.json"), ConfigPathResolver.ResolveConfigPath(env));
    }

    [Fact]
    public void Openclaw_home_replaces_home_and_expands_tilde_against_os_home()
    {
        Assert.Equal(Path.Combine(_home, "alt", ".openclaw"), ConfigPathResolver.ResolveStateDir(Env(("OPENCLAW_HOME", "~/alt"))));
        Assert.Equal("/srv/oc/.openclaw", ConfigPathResolver.ResolveStateDir(Env(("OPENCLAW_HOME", " /srv/oc "))));
        Assert.Equal(Path.Combine(_home, ".openclaw"), ConfigPathResolver.ResolveStateDir(Env(("OPENCLAW_HOME", "undefined"))));
    }

    [Fact]
    public void State_dir_override_is_tilde_expanded_and_moves_the_config()
    {
        var env = Env(("OPENCLAW_STATE_DIR", "~/state"));
        Assert.Equal(Path.Combine(_home, "state"), ConfigPathResolver.ResolveStateDir(env));
        Assert.Equal(Path.Combine(_home, "state", "openclaw.json"), ConfigPathResolver.ResolveConfigPath(env));
        Assert.Equal(Path.Combine(_home, "state"), ConfigPathResolver.ResolveConfigDir(env));
    }

    [Fact]
    public void Config_path_override_wins()
    {
        var env = Env(("OPENCLAW_CONFIG_PATH", "~/cfg/my.json5"), ("OPENCLAW_STATE_DIR", "/tmp/elsewhere"));
        Assert.Equal(Path.Combine(_home, "cfg", "my.json5"), ConfigPathResolver.ResolveConfigPath(env));
        Assert.Equal(Path.Combine(_home, "cfg"), ConfigPathResolver.ResolveConfigDir(Env(("OPENCLAW_CONFIG_PATH", "~/cfg/my.json5"))));
    }

    [Fact]
    public void Legacy_state_dir_and_config_name_are_found_when_present()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".clawdbot"));
        File.WriteAllText(Path.Combine(_home, ".clawdbot", "clawdbot.json"), "{}");
        var env = Env();
        Assert.Equal(Path.Combine(_home, ".clawdbot"), ConfigPathResolver.ResolveStateDir(env));
        Assert.Equal(Path.Combine(_home, ".clawdbot", "clawdbot.json"), ConfigPathResolver.ResolveConfigPath(env));
    }

    [Fact]
    public void Include_roots_split_expand_and_dedupe()
    {
        var env = Env(("OPENCLAW_INCLUDE_ROOTS", $"~/shared{Path.PathSeparator} {Path.PathSeparator}/etc/oc{Path.PathSeparator}~/shared"));
        Assert.Equal([Path.Combine(_home, "shared"), "/etc/oc"], ConfigPathResolver.ResolveIncludeRoots(env));
        Assert.Empty(ConfigPathResolver.ResolveIncludeRoots(Env()));
    }

    [Fact]
    public void Profile_moves_state_and_config()
    {
        var env = Env();
        CliProfile.Apply("work", env);
        Assert.Equal("work", env["OPENCLAW_PROFILE"]);
        Assert.Equal(Path.Combine(_home, ".openclaw-work"), env["OPENCLAW_STATE_DIR"]);
        Assert.Equal(Path.Combine(_home, ".openclaw-work", "openclaw.json"), env["OPENCLAW_CONFIG_PATH"]);
        Assert.False(env.ContainsKey("OPENCLAW_GATEWAY_PORT"));
        Assert.Equal(Path.Combine(_home, ".openclaw-work", "openclaw.json"), ConfigPathResolver.ResolveConfigPath(env));
    }

    [Fact]
    public void Dev_profile_defaults_port_19001_unless_set()
    {
        var env = Env();
        CliProfile.Apply("dev", env);
        Assert.Equal(Path.Combine(_home, ".openclaw-dev"), env["OPENCLAW_STATE_DIR"]);
        Assert.Equal(19001, GatewayPortResolver.Resolve(null, env));

        var pinned = Env(("OPENCLAW_GATEWAY_PORT", "20000"));
        CliProfile.Apply("dev", pinned);
        Assert.Equal("20000", pinned["OPENCLAW_GATEWAY_PORT"]);
    }

    [Fact]
    public void Profile_keeps_an_explicit_state_dir()
    {
        var env = Env(("OPENCLAW_STATE_DIR", "/srv/custom"));
        CliProfile.Apply("work", env);
        Assert.Equal("/srv/custom", env["OPENCLAW_STATE_DIR"]);
        Assert.Equal(Path.Combine("/srv/custom", "openclaw.json"), env["OPENCLAW_CONFIG_PATH"]);
    }

    [Fact]
    public void Profile_names_are_validated()
    {
        Assert.True(CliProfile.IsValidName("Work_1-a"));
        Assert.False(CliProfile.IsValidName("-bad"));
        Assert.False(CliProfile.IsValidName("a b"));
        Assert.Null(CliProfile.Normalize("Default"));
        Assert.Throws<ArgumentException>(() => CliProfile.ResolveStateDir("../x", Env()));
    }

    [Theory]
    [InlineData("18800", 18800)]
    [InlineData("127.0.0.1:18801", 18801)]
    [InlineData("[::1]:18802", 18802)]
    [InlineData("70000", null)]
    [InlineData("a:b:1", null)]
    public void Env_port_forms(string raw, int? expected)
    {
        Assert.Equal(expected, GatewayPortResolver.ParseEnvPort(raw));
    }

    [Fact]
    public void Port_precedence_and_profile_hash()
    {
        Assert.Equal(18789, GatewayPortResolver.Resolve(null, Env()));
        Assert.Equal(19999, GatewayPortResolver.Resolve(19999, Env(("OPENCLAW_PROFILE", "work"))));
        var hashed = GatewayPortResolver.Resolve(null, Env(("OPENCLAW_PROFILE", "work")));
        Assert.Equal(41984, hashed); // value computed with the reference formula in node
    }
}
