using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pincer.Gateway.Hosting;

namespace Pincer.Cli.Tests.Integration;

/// <summary>
/// The CLI signs with the machine's stored device identity when it does not carry the gateway's
/// shared secret to a loopback gateway, and then presents the device token stored for it —
/// the reference CLI's read-only behaviour (it never creates an identity or stores a token).
/// </summary>
public sealed class DeviceSigningTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pincer-cli-sign-{Guid.NewGuid():N}");
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<string, string> _env = [];
    private Task<int>? _run;
    private string? _referencePidFile;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        _stop.Dispose();
        if (_referencePidFile is not null && File.Exists(_referencePidFile))
        {
            using var reference = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(_referencePidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
            reference.Kill(entireProcessTree: true);
            await reference.WaitForExitAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_password_call_pairs_the_stored_identity_and_its_stored_device_token_then_suffices_alone()
    {
        await StartGatewayAsync("password", "pw");
        await PasswordThenStoredTokenFlowAsync();
    }

    [ReferenceFact]
    public async Task The_same_flow_works_against_the_reference_gateway()
    {
        var port = FreePort();
        var runDir = Path.Combine(_root, "ref");
        Directory.CreateDirectory(Path.Combine(runDir, "state"));
        File.WriteAllText(Path.Combine(runDir, "state", "openclaw.json"),
            """{ "gateway": { "mode": "local" }, "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } } }""");
        var (exit, _, stderr) = await ProcessRun.RunAsync("bash",
            [ReferenceInstall.RunGatewayScript, runDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", "--auth", "password", "--password", "pw"],
            new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin", ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root" },
            TimeSpan.FromSeconds(120));
        _referencePidFile = Path.Combine(runDir, "gateway.pid");
        Assert.True(exit == 0, stderr);
        _env = ProcessRun.IsolatedEnv(runDir);
        _env["OPENCLAW_GATEWAY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PasswordThenStoredTokenFlowAsync();
    }

    private async Task PasswordThenStoredTokenFlowAsync()
    {
        var withPassword = await CliHarness.RunAsync(_env, "gateway", "call", "health", "--password", "pw", "--json");
        Assert.Equal(0, withPassword.Exit);
        var (deviceId, clientId, clientMode, token) = PairedDevice();
        Assert.Equal(PrimaryIdentity(), deviceId);
        Assert.Equal(("cli", "cli"), (clientId, clientMode));
        Assert.Empty(Rows("SELECT token FROM device_auth_tokens"));

        var bare = await CliHarness.RunAsync(_env, "gateway", "call", "health", "--json");
        Assert.Equal(1, bare.Exit);
        Assert.Equal("gateway_credentials_required", JsonNode.Parse(bare.Out)!["error"]!["type"]!.GetValue<string>());
        var health = await CliHarness.RunAsync(_env, "health", "--json");
        Assert.Equal(1, health.Exit);
        Assert.True(JsonNode.Parse(health.Out)!["gateway"]!["reachable"]!.GetValue<bool>());

        Execute($"INSERT INTO device_auth_tokens (device_id, role, token, scopes_json, updated_at_ms) VALUES ('{deviceId}', 'operator', '{token}', '[\"operator.read\"]', 1)");
        var stored = await CliHarness.RunAsync(_env, "gateway", "call", "health", "--json");
        Assert.Equal(0, stored.Exit);
        Assert.True(JsonNode.Parse(stored.Out)!["ok"]!.GetValue<bool>());
        Assert.Equal(0, (await CliHarness.RunAsync(_env, "health", "--json")).Exit);
        Assert.Single(Rows("SELECT token FROM device_auth_tokens"));
    }

    [Fact]
    public async Task A_token_call_to_loopback_goes_without_identity()
    {
        await StartGatewayAsync("token", "tok");
        var result = await CliHarness.RunAsync(_env, "gateway", "call", "health", "--token", "tok", "--json");
        Assert.Equal(0, result.Exit);
        Assert.Empty(Rows("SELECT device_id FROM device_pairing_paired"));
    }

    [Fact]
    public async Task No_state_database_means_no_identity_and_nothing_is_created()
    {
        var env = ProcessRun.IsolatedEnv(_root);
        env["OPENCLAW_GATEWAY_PORT"] = "9";
        env["OPENCLAW_GATEWAY_PASSWORD"] = "pw";
        var result = await CliHarness.RunAsync(env, "gateway", "call", "health", "--json", "--timeout", "2000");
        Assert.Equal(1, result.Exit);
        Assert.False(File.Exists(Path.Combine(env["OPENCLAW_STATE_DIR"], "state", "openclaw.sqlite")));
    }

    private async Task StartGatewayAsync(string mode, string secret)
    {
        _env = ProcessRun.IsolatedEnv(_root);
        File.WriteAllText(_env["OPENCLAW_CONFIG_PATH"], """{ "gateway": { "mode": "local" }, "update": { "checkOnStart": false } }""");
        var port = FreePort();
        _env["OPENCLAW_GATEWAY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = new GatewayRunOptions
        {
            Port = port,
            Bind = "loopback",
            AuthMode = mode,
            Token = mode == "token" ? secret : null,
            Password = mode == "password" ? secret : null,
            AllowUnconfigured = true,
            StateDir = _env["OPENCLAW_STATE_DIR"],
            ConfigPath = _env["OPENCLAW_CONFIG_PATH"],
            Environment = new Dictionary<string, string>(_env),
        };
        _run = Task.Run(() => GatewayHost.RunAsync(options, _stop.Token));
        for (var attempt = 0; attempt < 150; attempt++)
        {
            Assert.False(_run.IsCompleted, "gateway exited during start-up");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail("gateway did not listen within 15 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string PrimaryIdentity() => Rows("SELECT device_id FROM device_identities WHERE identity_key = 'primary'").Single()[0];

    private (string DeviceId, string ClientId, string ClientMode, string Token) PairedDevice()
    {
        var row = Rows("SELECT device_id, client_id, client_mode, json_extract(tokens_json, '$.operator.token') FROM device_pairing_paired").Single();
        return (row[0], row[1], row[2], row[3]);
    }

    private List<string[]> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString()!)]);
        }

        return rows;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_env["OPENCLAW_STATE_DIR"], "state", "openclaw.sqlite")};Pooling=False");
        connection.Open();
        return connection;
    }
}
