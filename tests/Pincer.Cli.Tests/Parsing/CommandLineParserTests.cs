using Pincer.Cli.Commands;
using Pincer.Cli.Parsing;

namespace Pincer.Cli.Tests.Parsing;

public sealed class CommandLineParserTests
{
    private static ParsedCommandLine Parse(params string[] args) => CommandLineParser.Parse(args, CommandCatalog.All);

    [Fact]
    public void Gateway_call_with_method_and_options_in_any_order()
    {
        var p = Parse("gateway", "call", "--json", "health", "--params={\"a\":1}", "--url", "ws://x:1", "--token", "t");
        Assert.Equal("gateway call", p.Command!.Name);
        Assert.Equal(["health"], p.Positionals);
        Assert.Equal("{\"a\":1}", p.Value("params"));
        Assert.Equal("ws://x:1", p.Value("url"));
        Assert.True(p.Has("json"));
    }

    [Fact]
    public void Bare_gateway_is_gateway_run()
    {
        var p = Parse("gateway", "--port", "19000", "--auth", "none");
        Assert.Equal(["gateway"], p.Command!.Path);
        Assert.Equal("19000", p.Value("port"));
    }

    [Fact]
    public void Root_dev_is_the_dev_profile_but_gateway_dev_is_a_run_flag()
    {
        Assert.Equal("dev", Parse("--dev", "health").Profile);
        Assert.Equal("dev", Parse("health", "--dev").Profile);
        var run = Parse("gateway", "run", "--dev");
        Assert.Null(run.Profile);
        Assert.True(run.Has("dev"));
    }

    [Fact]
    public void Profile_is_accepted_anywhere_and_validated()
    {
        Assert.Equal("work", Parse("--profile", "work", "status").Profile);
        Assert.Equal("work", Parse("status", "--profile=work").Profile);
        Assert.Throws<CliUsageException>(() => Parse("--profile", "bad name", "status"));
        Assert.Throws<CliUsageException>(() => Parse("--dev", "--profile", "work", "status"));
    }

    [Fact]
    public void Version_and_unknowns()
    {
        Assert.True(Parse("--version").ShowVersion);
        Assert.True(Parse("-V").ShowVersion);
        Assert.Throws<CliUsageException>(() => Parse("bogus"));
        Assert.Throws<CliUsageException>(() => Parse("health", "--bogus"));
        Assert.Throws<CliUsageException>(() => Parse("gateway", "call", "--params"));
        Assert.Throws<CliUsageException>(() => Parse("health", "extra"));
    }
}
