using Pincer.Gateway.Hosting;

namespace Pincer.Gateway.Tests.Support;

/// <summary>
/// Runs the real gateway in-process on a free loopback port with a throwaway state dir, for one
/// auth mode; shared by a test class through <see cref="IClassFixture{TFixture}"/>.
/// </summary>
public abstract class GatewayFixture : IAsyncLifetime
{
    public const string Token = "testtoken";
    public const string Password = "testpassword";

    private CancellationTokenSource _stop = new();
    private Task<int>? _run;

    protected GatewayFixture(string authMode)
    {
        AuthMode = authMode;
        StateDir = Path.Combine(Path.GetTempPath(), "pincer-gw-tests-" + Guid.NewGuid().ToString("N"));
    }

    public string AuthMode { get; }

    public string StateDir { get; }

    public string ConfigPath => Path.Combine(StateDir, "openclaw.json");

    public int Port { get; private set; }

    public Uri WsUri => new($"ws://127.0.0.1:{Port}/");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(StateDir);
        await File.WriteAllTextAsync(ConfigPath, await ConfigJsonAsync());
        Port = GatewayReadiness.FreePort();
        await StartGatewayAsync();
    }

    /// <summary>Starts the gateway (again) on <see cref="Port"/>; with <see cref="StopGatewayAsync"/> it stages an outage.</summary>
    public async Task StartGatewayAsync()
    {
        _stop = new CancellationTokenSource();
        var options = new GatewayRunOptions
        {
            Port = Port,
            Bind = "loopback",
            AuthMode = AuthMode,
            Token = AuthMode == "token" ? Token : null,
            Password = AuthMode == "password" ? Password : null,
            AllowUnconfigured = true,
            StateDir = StateDir,
            ConfigPath = ConfigPath,
        };
        var stopping = _stop.Token;
        _run = Task.Run(() => GatewayHost.RunAsync(options, stopping));
        await GatewayReadiness.WaitAsync(Port, _run);
    }

    /// <summary>Stops the running gateway and waits until it has let go of the port.</summary>
    public async Task StopGatewayAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(15));
            _run = null;
        }

        _stop.Dispose();
    }

    /// <summary>The config file the gateway starts with; fixtures that need more (a model provider) extend it.</summary>
    protected virtual Task<string> ConfigJsonAsync() =>
        Task.FromResult("""{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");

    public virtual async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await StopGatewayAsync();
        }

        try
        {
            Directory.Delete(StateDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>Opens a raw socket and reads the challenge.</summary>
    public async Task<WsTestClient> OpenAsync()
    {
        var client = await WsTestClient.ConnectAsync(WsUri);
        await client.ReadChallengeAsync();
        return client;
    }

    /// <summary>A connected cli/cli operator with a shared secret and no device (keeps its scopes).</summary>
    public async Task<WsTestClient> ConnectCliAsync(params string[] scopes)
    {
        var client = await OpenAsync();
        var hello = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", scopes, ConnectParams.SharedAuth(this)));
        if (hello["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException("connect failed: " + hello.ToJsonString());
        }

        client.Hello = hello["payload"]!.AsObject();
        return client;
    }
}
