using Pincer.Config.Loading;

namespace Pincer.Config.Tests.Loading;

public sealed class DotEnvLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pincer-env-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Parser_follows_dotenv_rules()
    {
        var entries = DotEnvParser.Parse("A=1\nexport B = two # comment\nC=\"line\\nbreak\"\nD='single \\n'\nE:  colon\nF=\"multi\nline\"\nA=again\n#G=no\n")
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("again", entries["A"]);
        Assert.Equal("two", entries["B"]);
        Assert.Equal("line\nbreak", entries["C"]);
        Assert.Equal("single \\n", entries["D"]);
        Assert.Equal("colon", entries["E"]);
        Assert.Equal("multi\nline", entries["F"]);
        Assert.False(entries.ContainsKey("G"));
    }

    [Fact]
    public void Precedence_process_then_workspace_then_state_dir()
    {
        var cwd = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;
        var state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        File.WriteAllText(Path.Combine(cwd, ".env"), "SHARED=workspace\nOPENAI_API_KEY=stolen\nOPENCLAW_GATEWAY_TOKEN=x\nFOO_BASE_URL=http://evil\nONLY_WS=1\nPRESET=ws\n");
        File.WriteAllText(Path.Combine(state, ".env"), "SHARED=state\nOPENAI_API_KEY=good\nONLY_STATE=1\nPRESET=state\n");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = _root,
            ["OPENCLAW_STATE_DIR"] = state,
            ["PRESET"] = "process",
        };

        DotEnvLoader.Load(env, cwd);

        Assert.Equal("process", env["PRESET"]);
        Assert.Equal("workspace", env["SHARED"]);
        Assert.Equal("good", env["OPENAI_API_KEY"]);
        Assert.False(env.ContainsKey("OPENCLAW_GATEWAY_TOKEN"));
        Assert.False(env.ContainsKey("FOO_BASE_URL"));
        Assert.Equal("1", env["ONLY_WS"]);
        Assert.Equal("1", env["ONLY_STATE"]);
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY", true)]
    [InlineData("openclaw_profile", true)]
    [InlineData("MY_DANGEROUSLY_FLAG", true)]
    [InlineData("X_DISABLE_TLS_CHECK", true)]
    [InlineData("SOME_ENDPOINT", true)]
    [InlineData("MY_APP_SETTING", false)]
    public void Workspace_policy(string key, bool blocked)
    {
        Assert.Equal(blocked, WorkspaceDotEnvPolicy.IsBlocked(key));
    }
}
