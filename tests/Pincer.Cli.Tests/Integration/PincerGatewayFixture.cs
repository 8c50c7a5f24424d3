using System.Net.Sockets;
using Pincer.Gateway.Hosting;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// Pincer's own gateway, in-process through <see cref="GatewayHost.RunAsync"/> exactly as
/// <c>openclaw gateway run --auth token --token testtoken --port 29531 --bind loopback</c> would
/// start it. <see cref="StartError"/> says why it is not serving (e.g. host not wired yet).
/// </summary>
public sealed class PincerGatewayFixture : IAsyncLifetime
{
    public const int Port = 29531;
    public const string Token = "testtoken";

    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"pincer-cli-gw-{Environment.ProcessId}");

    public string Url => $"ws://127.0.0.1:{Port}";

    public string? StartError { get; private set; }

    public async Task InitializeAsync()
    {
        var env = ProcessRun.IsolatedEnv(Root);
        File.WriteAllText(env["OPENCLAW_CONFIG_PATH"], """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        var options = new GatewayRunOptions
        {
            Port = Port,
            Bind = "loopback",
            AuthMode = "token",
            Token = Token,
            AllowUnconfigured = true,
            StateDir = env["OPENCLAW_STATE_DIR"],
            ConfigPath = env["OPENCLAW_CONFIG_PATH"],
            Environment = env,
        };
        _run = Task.Run(() => GatewayHost.RunAsync(options, _stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_run.IsCompleted)
            {
                StartError = _run.IsFaulted ? $"GatewayHost.RunAsync failed: {_run.Exception!.InnerException?.Message}" : $"GatewayHost.RunAsync exited with {_run.Result}";
                return;
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        StartError = "Pincer gateway did not listen within 30 s";
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or TimeoutException)
            {
                // Startup failure or slow stop; already reported through StartError / the test.
            }
        }

        _stop.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
