using Pincer.Fakes;

namespace Pincer.Bench;

/// <summary>The openclaw.json of a turn benchmark gateway: provider <c>fake</c> (openai-completions)
/// at the probe's <c>/v1</c>, <c>fake/fake-model</c> as the default model, the workspace in the run
/// dir — the parity scenario agent/turn-openai-completions' config.</summary>
internal static class TurnsConfig
{
    /// <param name="maxConcurrent">agents.defaults.maxConcurrent; null leaves the gateway's default.</param>
    public static string Build(string fakeBaseUrl, string runDir, int? maxConcurrent)
    {
        var config = FakeGatewayConfig.Build(fakeBaseUrl + "/v1", "openai-completions", Path.Combine(runDir, "workspace"));
        if (maxConcurrent is { } max)
        {
            config["agents"]!["defaults"]!["maxConcurrent"] = max;
        }

        return config.ToJsonString() + "\n";
    }

    /// <summary>The two workspace files the parity scenario injects (so the system prompt carries them).</summary>
    public static void WriteWorkspace(string runDir)
    {
        var ws = Path.Combine(runDir, "workspace");
        Directory.CreateDirectory(ws);
        File.WriteAllText(Path.Combine(ws, "AGENTS.md"), "# House rules\n\nAnswer in one sentence.\n");
        File.WriteAllText(Path.Combine(ws, "USER.md"), "The user keeps hermit crabs.\n");
    }
}
