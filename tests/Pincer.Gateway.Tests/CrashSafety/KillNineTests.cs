using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Client.Connection;

namespace Pincer.Gateway.Tests.CrashSafety;

/// <summary>
/// Nothing acknowledged is lost on a crash: the real gateway executable is SIGKILLed 50 times at
/// random moments while clients pour session writes into it; after every kill both DBs pass
/// <c>PRAGMA integrity_check</c>, every write answered ok is on disk, and the gateway restarts on
/// the same state dir.
/// </summary>
public sealed class KillNineTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Kills = 50;
    private const string Token = "crash-token";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-kill9-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [GatewayExecutableFact]
    public async Task Acknowledged_session_writes_survive_fifty_kill_nines()
    {
        var exe = GatewayExecutable();
        var random = new Random(20261124);
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < Kills; round++)
        {
            var port = FreePort();
            using var gateway = Start(exe!, port);
            await WaitReadyAsync(port, gateway);
            using var stop = new CancellationTokenSource();
            var before = acknowledged.Count;
            var writers = Enumerable.Range(0, 4).Select(w => WriteUntilKilledAsync(port, $"r{round}w{w}", acknowledged, stop.Token)).ToArray();
            // Kill at a random moment once writes are flowing, so every round dies mid-write.
            for (var wait = 0; wait < 200 && acknowledged.Count == before; wait++)
            {
                await Task.Delay(25);
            }

            await Task.Delay(random.Next(5, 300));
            gateway.Kill();
            await gateway.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            Assert.Equal("ok", IntegrityCheck(StatePath()));
            Assert.Equal("ok", IntegrityCheck(AgentPath()));
            var stored = StoredSessionIds();
            var missing = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var id) || id != a.Value).Select(a => a.Key).ToList();
            Assert.True(missing.Count == 0, $"round {round}: {missing.Count} acknowledged writes lost, e.g. {string.Join(", ", missing.Take(5))}");
        }

        output.WriteLine($"{Kills} kill -9s, {acknowledged.Count} acknowledged sessions.create writes, none lost");
        Assert.True(acknowledged.Count > Kills, $"only {acknowledged.Count} writes were acknowledged across {Kills} rounds; the test did not load the gateway");
    }

    /// <summary>Pipelines <c>sessions.create</c> calls until the socket dies; records each acknowledged key with its session id.</summary>
    private static async Task WriteUntilKilledAsync(int port, string prefix, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        try
        {
            await using var client = await GatewayClient.ConnectAsync(new GatewayClientOptions
            {
                Url = new Uri($"ws://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
                Token = Token,
                Scopes = ["operator.admin", "operator.read", "operator.write"],
                ConnectTimeout = TimeSpan.FromSeconds(10),
            }, stop);
            var next = 0;
            var inFlight = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 8; i++)
                {
                    var key = $"{prefix}-{next++}";
                    inFlight.Add(CreateAsync(client, key, acknowledged, stop));
                }

                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        catch (Exception ex) when (ex is GatewayTransportException or GatewayRequestException or OperationCanceledException or ObjectDisposedException)
        {
            // The gateway was killed under us: expected.
        }
    }

    private static async Task CreateAsync(GatewayClient client, string key, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        try
        {
            var result = await client.RequestAsync("sessions.create", new JsonObject { ["key"] = key, ["label"] = key }, new GatewayRequestOptions(), stop);
            if (result?["ok"]?.GetValue<bool>() == true)
            {
                acknowledged[(string)result["key"]!] = (string)result["sessionId"]!;
            }
        }
        catch (Exception ex) when (ex is GatewayTransportException or GatewayRequestException or OperationCanceledException or ObjectDisposedException)
        {
            // Unanswered: no promise was made.
        }
    }

    private Process Start(string exe, int port)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "gateway", "run", "--allow-unconfigured", "--bind", "loopback", "--port", port.ToString(CultureInfo.InvariantCulture), "--auth", "token", "--token", Token })
        {
            psi.ArgumentList.Add(arg);
        }

        Directory.CreateDirectory(Path.Combine(_root, "home"));
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        psi.Environment["HOME"] = Path.Combine(_root, "home");
        psi.Environment["OPENCLAW_HOME"] = Path.Combine(_root, "home");
        psi.Environment["OPENCLAW_STATE_DIR"] = Path.Combine(_root, "state");
        psi.Environment["OPENCLAW_CONFIG_PATH"] = Path.Combine(_root, "state", "openclaw.json");
        psi.Environment["OPENCLAW_NO_AUTO_UPDATE"] = "1";
        psi.Environment["OPENCLAW_OFFLINE"] = "1";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(int port, Process gateway)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(gateway.HasExited, $"gateway exited during start-up with {(gateway.HasExited ? gateway.ExitCode : 0)}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail("gateway not ready within 15 s");
    }

    private string StatePath() => Path.Combine(_root, "state", "state", "openclaw.sqlite");

    private string AgentPath() => Path.Combine(_root, "state", "agents", "main", "agent", "openclaw-agent.sqlite");

    private static string IntegrityCheck(string path)
    {
        if (!File.Exists(path))
        {
            return "ok";
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private Dictionary<string, string> StoredSessionIds()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(AgentPath()))
        {
            return result;
        }

        var database = Storage.Sqlite.Agents.AgentDatabase.Open(Path.Combine(_root, "state"), "main");
        try
        {
            var store = new Storage.Sqlite.Agents.SqliteSessionStore(database);
            foreach (var record in store.ListAsync().GetAwaiter().GetResult())
            {
                result[record.SessionKey] = record.Entry.SessionId ?? "";
            }
        }
        finally
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>$PINCER_BIN (CI's AOT build), else the Release build of the CLI beside this repo.</summary>
    internal static string? GatewayExecutable()
    {
        if (Environment.GetEnvironmentVariable("PINCER_BIN") is { Length: > 0 } bin && File.Exists(bin))
        {
            return bin;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pincer.slnx")))
        {
            dir = dir.Parent;
        }

        var release = dir is null ? null : Path.Combine(dir.FullName, "src", "Pincer.Cli", "bin", "Release", "net10.0", "openclaw");
        return release is not null && File.Exists(release) ? release : null;
    }
}
