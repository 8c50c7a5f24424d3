using System.Text.Json.Nodes;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Config;

/// <summary>
/// Runs the reference CLI and ours on identical config files (separate temp roots) and compares
/// <c>--json</c> output and exit codes after replacing each side's root with a placeholder.
/// Skipped when the reference install is absent.
/// </summary>
public sealed class ConfigDifferentialTests : IDisposable
{
    private readonly string _ours = Path.Combine(Path.GetTempPath(), $"pincer-cfgdiff-o-{Guid.NewGuid():N}");
    private readonly string _theirs = Path.Combine(Path.GetTempPath(), $"pincer-cfgdiff-r-{Guid.NewGuid():N}");

    public void Dispose()
    {
        foreach (var d in new[] { _ours, _theirs })
        {
            if (Directory.Exists(d))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    public static TheoryData<string?, string[]> Cases => new()
    {
        { null, ["validate", "--json"] },
        { null, ["file", "--json"] },
        { null, ["get", "gateway.port", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["validate", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "gateway", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "gateway.port", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "gateway.bind", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "nope.x", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "a..b", "--json"] },
        { "{ gateway: { mode: 'local', port: 18789 } }", ["get", "bindings[0]", "--json"] },
        { "{ gateway: { mode: 'local', auth: { token: 'abc' } } }", ["get", "gateway.auth", "--json"] },
        { "{ gateway: { port: 'x', bogus: 1 }, zz: 1 }", ["validate", "--json"] },
        { "{ gateway: { port: 'x', bogus: 1 }, zz: 1 }", ["get", "gateway", "--json"] },
        { "{ gateway: { mode: 'local' } }", ["set", "gateway.port", "19001", "--dry-run", "--json"] },
        { "{ gateway: { mode: 'local' } }", ["set", "gateway", "{\"port\":\"x\",\"zz\":1}", "--dry-run", "--json"] },
        { "{ gateway: { mode: 'local' } }", ["unset", "gateway.mode", "--dry-run", "--json"] },
        { "{ gateway: { mode: 'local' } }", ["unset", "gateway.zzz", "--dry-run", "--json"] },
        { "{ gateway: { mode: 'local' } }", ["set", "--batch-json", "[{\"path\":\"gateway.port\",\"value\":19002}]", "--dry-run", "--json"] },
    };

    [ReferenceTheory]
    [MemberData(nameof(Cases))]
    public async Task Json_output_and_exit_code_match_the_reference(string? config, string[] args)
    {
        var ourEnv = ProcessRun.IsolatedEnv(_ours);
        var theirEnv = ProcessRun.IsolatedEnv(_theirs);
        if (config is not null)
        {
            File.WriteAllText(ourEnv["OPENCLAW_CONFIG_PATH"], config);
            File.WriteAllText(theirEnv["OPENCLAW_CONFIG_PATH"], config);
        }

        var ours = await CliHarness.RunAsync(ourEnv, ["config", .. args]);
        var theirs = await ProcessRun.RunAsync(ReferenceInstall.Cli, ["config", .. args], theirEnv, TimeSpan.FromSeconds(60));
        Assert.Equal(theirs.Exit, ours.Exit);
        Assert.Equal(Normalize(theirs.Out, _theirs), Normalize(ours.Out, _ours));
    }

    [ReferenceFact]
    public async Task Set_writes_the_same_document()
    {
        var ourEnv = ProcessRun.IsolatedEnv(_ours);
        var theirEnv = ProcessRun.IsolatedEnv(_theirs);
        const string start = "{ gateway: { mode: 'local' }, agents: { defaults: { model: 'anthropic/claude-opus-4-5' } } }";
        File.WriteAllText(ourEnv["OPENCLAW_CONFIG_PATH"], start);
        File.WriteAllText(theirEnv["OPENCLAW_CONFIG_PATH"], start);
        foreach (var args in new[] { new[] { "set", "gateway.port", "19000" }, ["set", "gateway.bind", "loopback"], ["unset", "gateway.bind"] })
        {
            var ours = await CliHarness.RunAsync(ourEnv, ["config", .. args]);
            var theirs = await ProcessRun.RunAsync(ReferenceInstall.Cli, ["config", .. args], theirEnv, TimeSpan.FromSeconds(60));
            Assert.Equal(theirs.Exit, ours.Exit);
        }

        Assert.Equal(File.ReadAllText(theirEnv["OPENCLAW_CONFIG_PATH"]), File.ReadAllText(ourEnv["OPENCLAW_CONFIG_PATH"]));
    }

    private static string Normalize(string output, string root)
    {
        var text = output.Replace(root, "<ROOT>", StringComparison.Ordinal).Trim();
        try
        {
            return JsonNode.Parse(text)?.ToJsonString() ?? "null";
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }
}
