using Pincer.Gateway.Hosting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Sessions.Read;

/// <summary>
/// The in-process gateway serving a state dir the reference wrote (parity/fixtures/sessions/
/// reference-written): sessions, transcripts, a pinned and an archived session.
/// </summary>
public sealed class ReferenceStateGatewayFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public string StateDir { get; } = Path.Combine(Path.GetTempPath(), "pincer-sessions-read-" + Guid.NewGuid().ToString("N"));

    public int Port { get; private set; }

    public string DatabasePath => Path.Combine(StateDir, "agents", "main", "agent", "openclaw-agent.sqlite");

    public static string SeedDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "parity", "fixtures", "sessions", "reference-written");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("parity/fixtures/sessions/reference-written not found above the test binaries");
        }
    }

    public async Task InitializeAsync()
    {
        foreach (var source in Directory.EnumerateFiles(SeedDir, "*.sqlite", SearchOption.AllDirectories))
        {
            var target = Path.Combine(StateDir, Path.GetRelativePath(SeedDir, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        var config = Path.Combine(StateDir, "openclaw.json");
        await File.WriteAllTextAsync(config, """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        Port = GatewayReadiness.FreePort();
        var options = new GatewayRunOptions
        {
            Port = Port,
            Bind = "loopback",
            AuthMode = "token",
            Token = GatewayFixture.Token,
            AllowUnconfigured = true,
            StateDir = StateDir,
            ConfigPath = config,
        };
        _run = Task.Run(() => GatewayHost.RunAsync(options, _stop.Token));
        await GatewayReadiness.WaitAsync(Port, _run);
    }

    public async Task<WsTestClient> ConnectAsync(params string[] scopes)
    {
        var client = await WsTestClient.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/"));
        await client.ReadChallengeAsync();
        var hello = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", scopes, new System.Text.Json.Nodes.JsonObject { ["token"] = GatewayFixture.Token }));
        Assert.True(hello["ok"]?.GetValue<bool>() == true, hello.ToJsonString());
        return client;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(StateDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
