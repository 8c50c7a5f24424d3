using Pincer.Cli.Commands;
using Pincer.Cli.Parsing;

namespace Pincer.Cli.Tests.Commands;

public sealed class GatewayRunCommandTests
{
    private static (Pincer.Gateway.Hosting.GatewayRunOptions? Options, string Error, CliContext Ctx) Build(Dictionary<string, string> env, params string[] args)
    {
        var parsed = CommandLineParser.Parse(args, CommandCatalog.All);
        if (parsed.Profile is { } profile)
        {
            Pincer.Config.Paths.CliProfile.Apply(profile, env);
        }

        var ctx = new CliContext(env, new StringWriter(), new StringWriter(), CancellationToken.None);
        var options = GatewayRunCommand.Build(parsed, ctx, out var error);
        return (options, error, ctx);
    }

    [Fact]
    public void Flags_map_onto_run_options_and_paths_follow_env()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/h", ["OPENCLAW_STATE_DIR"] = "/s" };
        var (o, _, ctx) = Build(env, "gateway", "run", "--port", "29555", "--bind", "loopback", "--auth", "token", "--token", "abc", "--allow-unconfigured", "--verbose");
        Assert.NotNull(o);
        Assert.Equal(29555, o.Port);
        Assert.Equal("loopback", o.Bind);
        Assert.Equal("token", o.AuthMode);
        Assert.Equal("abc", o.Token);
        Assert.True(o.AllowUnconfigured);
        Assert.True(o.Verbose);
        Assert.Equal("/s", o.StateDir);
        Assert.Equal("/s/openclaw.json", o.ConfigPath);
        Assert.Equal("abc", ctx.Environment["OPENCLAW_GATEWAY_TOKEN"]);
    }

    [Fact]
    public void Profile_moves_state_dir()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/h" };
        var (o, _, _) = Build(env, "--profile", "work", "gateway", "run");
        Assert.Equal("/h/.openclaw-work", o!.StateDir);
    }

    [Theory]
    [InlineData("--auth", "bogus")]
    [InlineData("--bind", "everywhere")]
    [InlineData("--ws-log", "loud")]
    [InlineData("--port", "70000")]
    public void Invalid_enum_values_are_refused(string flag, string value)
    {
        var (o, error, _) = Build(new Dictionary<string, string> { ["HOME"] = "/h" }, "gateway", "run", flag, value);
        Assert.Null(o);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Password_file_is_read_and_trimmed_and_exclusive_with_password()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "s3cret\n");
            var env = new Dictionary<string, string> { ["HOME"] = "/h" };
            Assert.Equal("s3cret", Build(env, "gateway", "run", "--password-file", file).Options!.Password);
            Assert.Null(Build(env, "gateway", "run", "--password-file", file, "--password", "x").Options);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Reset_requires_dev()
    {
        Assert.Null(Build(new Dictionary<string, string> { ["HOME"] = "/h" }, "gateway", "run", "--reset").Options);
        Assert.NotNull(Build(new Dictionary<string, string> { ["HOME"] = "/h" }, "gateway", "run", "--dev", "--reset").Options);
    }
}
