using System.Net;
using System.Net.Sockets;
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

    private readonly CancellationTokenSource _stop = new();
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
        await File.WriteAllTextAsync(ConfigPath, """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        Port = FreePort();
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
        _run = Task.Run(() => GatewayHost.RunAsync(options, _stop.Token));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"gateway exited early with code {await _run}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("gateway did not become ready");
            }

            await Task.Delay(50);
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
