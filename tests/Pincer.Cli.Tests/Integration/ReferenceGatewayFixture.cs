using System.Text.Json.Nodes;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// One reference gateway (token auth, token <c>testtoken</c>) for the whole test collection,
/// started by the shared run-gateway.sh on loopback port 29530 and killed on dispose.
/// </summary>
public sealed class ReferenceGatewayFixture : IAsyncLifetime
{
    public const int Port = 29530;
    public const string Token = "testtoken";

    private string? _pidFile;

    public string RunDir { get; } = Path.Combine(Path.GetTempPath(), $"pincer-cli-ref-{Environment.ProcessId}");

    public string Url => $"ws://127.0.0.1:{Port}";

    public string? StartError { get; private set; }

    public async Task InitializeAsync()
    {
        if (!ReferenceInstall.Available)
        {
            return;
        }

        var (exit, stdout, stderr) = await ProcessRun.RunAsync("bash", [ReferenceInstall.RunGatewayScript, RunDir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin", ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root" },
            TimeSpan.FromSeconds(120));
        _pidFile = Path.Combine(RunDir, "gateway.pid");
        if (exit != 0 || JsonNode.Parse(stdout.Trim().Split('\n')[^1])?["pid"] is null)
        {
            StartError = $"reference gateway did not start (exit {exit}): {stderr}";
        }
    }

    public Task DisposeAsync()
    {
        if (_pidFile is not null && File.Exists(_pidFile)
            && int.TryParse(File.ReadAllText(_pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        if (Directory.Exists(RunDir))
        {
            Directory.Delete(RunDir, recursive: true);
        }

        return Task.CompletedTask;
    }
}
