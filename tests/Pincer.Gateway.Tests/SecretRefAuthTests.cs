using System.Text.Json.Nodes;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>gateway.auth.token given as a SecretRef: resolved at start-up, or start-up fails.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretRefAuthTests : IDisposable
{
    private const string SecretToken = "token-from-secret-file";
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pincer-secretref-auth-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string ConfigPath => Path.Combine(_stateDir, "openclaw.json");

    private GatewayRunOptions Options(int port) => new()
    {
        Port = port,
        Bind = "loopback",
        AllowUnconfigured = true,
        StateDir = _stateDir,
        ConfigPath = ConfigPath,
    };

    [Fact]
    public async Task Token_from_a_file_secret_ref_authenticates()
    {
        var secrets = Path.Combine(_stateDir, "secrets.json");
        await File.WriteAllTextAsync(secrets, $$"""{ "gateway": { "token": "{{SecretToken}}" } }""");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(ConfigPath, $$"""
            {
              "update": { "checkOnStart": false },
              "models": { "catalogRefresh": { "enabled": false } },
              "secrets": { "providers": { "localfile": { "source": "file", "path": "{{secrets}}", "mode": "json" } } },
              "gateway": { "mode": "local", "auth": { "mode": "token", "token": { "source": "file", "provider": "localfile", "id": "/gateway/token" } } }
            }
            """);
        var port = GatewayReadiness.FreePort();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => GatewayHost.RunAsync(Options(port), stop.Token));
        try
        {
            await GatewayReadiness.WaitAsync(port, run);
            var uri = new Uri($"ws://127.0.0.1:{port}/");

            await using (var good = await WsTestClient.ConnectAsync(uri))
            {
                await good.ReadChallengeAsync();
                var hello = await good.RequestAsync("connect", ConnectParams.Build("cli", "cli", ["operator.read"], new JsonObject { ["token"] = SecretToken }));
                Assert.True(hello["ok"]?.GetValue<bool>(), hello.ToJsonString());
            }

            await using (var bad = await WsTestClient.ConnectAsync(uri))
            {
                await bad.ReadChallengeAsync();
                var refused = await bad.RequestAsync("connect", ConnectParams.Build("cli", "cli", ["operator.read"], new JsonObject { ["token"] = "wrong" }));
                Assert.False(refused["ok"]?.GetValue<bool>() ?? false);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    [Fact]
    public async Task Unresolvable_token_ref_fails_start_up_with_exit_1()
    {
        await File.WriteAllTextAsync(ConfigPath, """
            {
              "update": { "checkOnStart": false },
              "gateway": { "mode": "local", "auth": { "mode": "token", "token": { "source": "env", "provider": "default", "id": "MISSING_VAR" } } }
            }
            """);
        var exit = await GatewayHost.RunAsync(Options(GatewayReadiness.FreePort()), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Inactive_password_ref_is_not_resolved()
    {
        await File.WriteAllTextAsync(ConfigPath, """
            {
              "update": { "checkOnStart": false },
              "models": { "catalogRefresh": { "enabled": false } },
              "gateway": { "mode": "local", "auth": { "mode": "token", "token": "plain-token",
                "password": { "source": "env", "provider": "default", "id": "MISSING_VAR" } } }
            }
            """);
        var port = GatewayReadiness.FreePort();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => GatewayHost.RunAsync(Options(port), stop.Token));
        try
        {
            await GatewayReadiness.WaitAsync(port, run);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
