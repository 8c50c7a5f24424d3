using System.Text.Json.Nodes;
using Pincer.Cli.Tests.Integration;

namespace Pincer.Cli.Tests.Config;

/// <summary>Our <c>config …</c> commands through the CLI entry point against temp config files.</summary>
public sealed class ConfigCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-cfg-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _env;

    public ConfigCommandsTests() => _env = ProcessRun.IsolatedEnv(_root);

    private string ConfigPath => _env["OPENCLAW_CONFIG_PATH"];

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliHarness.RunAsync(_env, ["config", .. args]);

    [Fact]
    public async Task File_prints_the_resolved_path()
    {
        Assert.Equal((0, ConfigPath + "\n"), ((await Run("file")).Exit, (await Run("file")).Out.ReplaceLineEndings("\n")));
        Assert.Equal(ConfigPath, JsonNode.Parse((await Run("file", "--json")).Out)!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_reports_missing_valid_and_invalid_files()
    {
        var missing = await Run("validate", "--json");
        Assert.Equal(1, missing.Exit);
        Assert.Equal($$"""{"ok":false,"error":{"type":"cli_error","message":"file not found"},"valid":false,"path":"{{ConfigPath}}"}""", missing.Out.Trim());

        File.WriteAllText(ConfigPath, "// c\n{ gateway: { mode: 'local' } }");
        var valid = await Run("validate", "--json");
        Assert.Equal(0, valid.Exit);
        Assert.Equal($$"""{"valid":true,"path":"{{ConfigPath}}","warnings":[]}""", valid.Out.Trim());

        File.WriteAllText(ConfigPath, "{ gateway: { port: 'x' }, zz: 1 }");
        var invalid = await Run("validate", "--json");
        Assert.Equal(1, invalid.Exit);
        var doc = JsonNode.Parse(invalid.Out)!;
        Assert.Equal($"OpenClaw config is invalid: {ConfigPath}", doc["error"]!["message"]!.GetValue<string>());
        Assert.False(doc["valid"]!.GetValue<bool>());
        var paths = doc["issues"]!.AsArray().Select(i => i!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("gateway.port", paths);
        Assert.Contains("<root>", paths);

        var human = await Run("validate");
        Assert.Equal(1, human.Exit);
        Assert.Contains("gateway.port", human.Err);
    }

    [Fact]
    public async Task Set_then_get_round_trips_numbers_and_strings_and_writes_a_backup()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local' } } // note");
        var set = await Run("set", "gateway.port", "19000");
        Assert.Equal(0, set.Exit);
        Assert.Equal("Updated gateway.port. Restart the gateway to apply.", set.Out.Trim());
        Assert.Contains("comments", set.Err);
        Assert.True(File.Exists(ConfigPath + ".bak"));
        Assert.Equal("{ gateway: { mode: 'local' } } // note", File.ReadAllText(ConfigPath + ".bak"));

        var written = JsonNode.Parse(File.ReadAllText(ConfigPath))!;
        Assert.Equal("""{"gateway":{"mode":"local","port":19000},"meta":{"migrations":{"modelPolicyAllowlist":true,"utilityModelSeparation":true},"lastTouchedVersion":"2026.9.6"}}""", written.ToJsonString());
        Assert.EndsWith("}\n", File.ReadAllText(ConfigPath));

        Assert.Equal("19000", (await Run("get", "gateway.port")).Out.Trim());
        Assert.Equal("\"local\"", (await Run("get", "gateway.mode", "--json")).Out.Trim());
        Assert.Equal("No change", (await Run("set", "gateway.port", "19000")).Out.Trim());
    }

    [Fact]
    public async Task Set_refuses_to_write_an_invalid_result()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local' } }");
        var before = File.ReadAllText(ConfigPath);
        var bad = await Run("set", "gateway.port", "abc");
        Assert.Equal(1, bad.Exit);
        Assert.Equal("Config validation failed: gateway.port: Invalid input: expected number, received string", bad.Err.Trim());
        Assert.Equal(before, File.ReadAllText(ConfigPath));

        var strict = await Run("set", "gateway.port", "abc", "--strict-json");
        Assert.Equal(1, strict.Exit);
        Assert.StartsWith("Could not parse \"abc\" as JSON for --strict-json.", strict.Err);
    }

    [Fact]
    public async Task Dry_run_json_documents()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local' } }");
        var ok = await Run("set", "gateway.port", "19001", "--dry-run", "--json");
        Assert.Equal(0, ok.Exit);
        Assert.Equal($$"""{"ok":true,"operations":1,"configPath":"{{ConfigPath}}","inputModes":["json"],"checks":{"schema":true,"resolvability":true,"resolvabilityComplete":true},"refsChecked":0,"skippedExecRefs":0}""",
            JsonNode.Parse(ok.Out)!.ToJsonString());

        var bad = await Run("set", "gateway.port", "\"x\"", "--dry-run", "--json");
        Assert.Equal(1, bad.Exit);
        Assert.Equal("- gateway.port: Invalid input: expected number, received string", JsonNode.Parse(bad.Out)!["errors"]![0]!["message"]!.GetValue<string>());

        var missing = await Run("unset", "gateway.zzz", "--dry-run", "--json");
        Assert.Equal(1, missing.Exit);
        Assert.Equal("missing-path", JsonNode.Parse(missing.Out)!["errors"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("{ gateway: { mode: 'local' } }", File.ReadAllText(ConfigPath));
    }

    [Fact]
    public async Task Unset_removes_values_and_reports_missing_ones()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local', port: 1234 } }");
        var ok = await Run("unset", "gateway.port");
        Assert.Equal(0, ok.Exit);
        Assert.StartsWith("Removed gateway.port.", ok.Out);
        Assert.Null(JsonNode.Parse(File.ReadAllText(ConfigPath))!["gateway"]!["port"]);

        var missing = await Run("unset", "gateway.port");
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("Config path not found: gateway.port. Nothing was changed.", missing.Err);

        var json = await Run("unset", "gateway.port", "--json");
        Assert.Equal((1, "--json can only be used with --dry-run."), (json.Exit, json.Err.Trim()));
    }

    [Fact]
    public async Task Get_reports_unset_unknown_invalid_and_redacts_secrets()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local', auth: { token: 'abc123' } } }");
        var unset = await Run("get", "gateway.port", "--json");
        Assert.Equal(1, unset.Exit);
        Assert.StartsWith("Config path is valid but unset: gateway.port.", JsonNode.Parse(unset.Out)!["error"]!["message"]!.GetValue<string>());
        Assert.StartsWith("Unknown config path: nope.x.", (await Run("get", "nope.x")).Err);
        Assert.Equal("{\n  \"token\": \"__OPENCLAW_REDACTED__\"\n}", (await Run("get", "gateway.auth")).Out.Trim().ReplaceLineEndings("\n"));

        File.WriteAllText(ConfigPath, "{ zz: 1 }");
        var invalid = await Run("get", "gateway", "--json");
        Assert.Equal(1, invalid.Exit);
        Assert.Equal("<root>", JsonNode.Parse(invalid.Out)!["issues"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Managed_paths_and_expectations_are_enforced()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local' } }");
        Assert.StartsWith("meta.lastTouchedVersion is auto-managed", (await Run("set", "meta.lastTouchedVersion", "x")).Err);
        Assert.Equal(1, (await Run("set", "plugins.installs.x", "1")).Exit);
        var conflict = await Run("set", "gateway.mode", "remote", "--expect-current-absent");
        Assert.Equal(1, conflict.Exit);
        Assert.Contains("nothing was changed", conflict.Err);
        Assert.Equal(0, (await Run("set", "gateway.port", "1", "--expect-current-absent")).Exit);
        Assert.Equal(0, (await Run("set", "gateway.port", "2", "--expect-current-json", "1")).Exit);
        Assert.Equal("2", (await Run("get", "gateway.port")).Out.Trim());
    }

    [Fact]
    public async Task Batch_mode_applies_every_operation()
    {
        File.WriteAllText(ConfigPath, "{ gateway: { mode: 'local' } }");
        var r = await Run("set", "--batch-json", """[{"path":"gateway.port","value":19001},{"path":"gateway.bind","value":"loopback"}]""");
        Assert.Equal(0, r.Exit);
        Assert.StartsWith("Updated 2 config paths.", r.Out);
        Assert.Equal("loopback", (await Run("get", "gateway.bind")).Out.Trim());
    }

    [Fact]
    public async Task Schema_prints_the_json_schema()
    {
        var r = await Run("schema");
        Assert.Equal(0, r.Exit);
        var schema = JsonNode.Parse(r.Out)!;
        Assert.Equal("$schema", schema["properties"]!.AsObject().First().Key);
    }
}
