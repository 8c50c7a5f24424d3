using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pincer.Fakes;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Running;

/// <summary>
/// One started gateway (reference or Pincer) with its own throwaway HOME and state dir on a free
/// loopback port. Started exactly like <c>shared/reference/run-gateway.sh</c> does it, so Pincer
/// gets the same command line and environment as the reference.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process? _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _logLock = new();

    private GatewayProcess(GatewayKind kind, GatewaySpec spec, string runDir, int port, Process? process, string? startError, FakeModelServer? model = null)
    {
        Model = model;
        Kind = kind;
        Spec = spec;
        RunDir = runDir;
        Port = port;
        _process = process;
        StartError = startError;
    }

    public GatewayKind Kind { get; }

    /// <summary>This gateway's own fake model provider, when the scenario asks for one.</summary>
    public FakeModelServer? Model { get; }

    public GatewaySpec Spec { get; }

    public string RunDir { get; }

    public string HomeDir => Path.Combine(RunDir, "home");

    public string StateDir => Path.Combine(RunDir, "state");

    public int Port { get; }

    public int? Pid => _process is { } p && !p.HasExited ? p.Id : null;

    /// <summary>Set when the gateway did not become ready: why (exit code, timeout, missing binary).</summary>
    public string? StartError { get; private set; }

    public bool Ready => StartError is null;

    public TimeSpan StartDuration { get; private set; }

    public string LogTail(int chars = 2000)
    {
        lock (_logLock)
        {
            var s = _log.ToString();
            return s.Length <= chars ? s : s[^chars..];
        }
    }

    public static int FreeLoopbackPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>The environment both gateways (and the reference CLI) run with.</summary>
    public static Dictionary<string, string> Environment(string runDir) => new(StringComparer.Ordinal)
    {
        ["HOME"] = Path.Combine(runDir, "home"),
        ["OPENCLAW_HOME"] = Path.Combine(runDir, "home"),
        ["OPENCLAW_STATE_DIR"] = Path.Combine(runDir, "state"),
        ["OPENCLAW_CONFIG_PATH"] = Path.Combine(runDir, "state", "openclaw.json"),
        ["OPENCLAW_NO_AUTO_UPDATE"] = "1",
        ["OPENCLAW_DISABLE_BONJOUR"] = "1",
        ["OPENCLAW_OFFLINE"] = "1",
        ["NO_COLOR"] = "1",
    };

    public static async Task<GatewayProcess> StartAsync(GatewayKind kind, GatewaySpec spec, TimeSpan readyTimeout, CancellationToken ct)
    {
        var runDir = Path.Combine(Path.GetTempPath(), "pincer-parity", $"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(Path.Combine(runDir, "home"));
        Directory.CreateDirectory(Path.Combine(runDir, "state"));
        if (spec.SeedStatePath is { } seed)
        {
            SeedState.CopyInto(seed, Path.Combine(runDir, "state"));
        }

        var model = spec.FakeModel ? await FakeModelServer.StartAsync(cancellationToken: ct) : null;
        string Expand(string text) => text.Replace("${runDir}", runDir, StringComparison.Ordinal)
            .Replace("${modelBaseUrl}", model?.BaseUrl ?? "", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(runDir, "state", "openclaw.json"), Expand(spec.Config.ToJsonString()) + "\n", ct);
        foreach (var (rel, content) in spec.Files)
        {
            var path = Path.Combine(runDir, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Expand(content), ct);
        }

        var exe = kind == GatewayKind.Reference ? ParityPaths.ReferenceCli : ParityPaths.PincerCli;
        var port = FreeLoopbackPort();
        if (exe is null || !File.Exists(exe))
        {
            return new GatewayProcess(kind, spec, runDir, port, null, $"executable not found: {exe ?? "(reference not installed)"}", model);
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = runDir,
        };
        foreach (var a in CommandLine(port, spec))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in Environment(runDir))
        {
            psi.Environment[k] = v;
        }

        var started = Stopwatch.StartNew();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var gw = new GatewayProcess(kind, spec, runDir, port, process, null, model);
        process.OutputDataReceived += (_, e) => gw.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gw.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        gw.StartError = await gw.WaitReadyAsync(readyTimeout, ct);
        gw.StartDuration = started.Elapsed;
        return gw;
    }

    /// <summary>The arguments after the executable, identical for both implementations.</summary>
    public static IReadOnlyList<string> CommandLine(int port, GatewaySpec spec)
    {
        var args = new List<string> { "gateway", "run", "--allow-unconfigured", "--bind", "loopback", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        args.AddRange(spec.AuthArgs());
        return args;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.AppendLine(line);
        }
    }

    private async Task<string?> WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                await _process.WaitForExitAsync(ct);
                return $"gateway exited early with code {_process.ExitCode}";
            }

            try
            {
                using var res = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/readyz"), ct);
                if (res.StatusCode == HttpStatusCode.OK)
                {
                    return null;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (LogTail(100_000).Contains("[gateway] ready", StringComparison.Ordinal))
            {
                return null;
            }

            await Task.Delay(200, ct);
        }

        return $"gateway not ready after {timeout.TotalSeconds:0} s";
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }

        Model?.DisposeAsync().AsTask().GetAwaiter().GetResult();

        try
        {
            File.WriteAllText(Path.Combine(RunDir, "gateway.log"), LogTail(1_000_000));
            if (System.Environment.GetEnvironmentVariable("PARITY_KEEP_RUNDIRS") != "1")
            {
                Directory.Delete(RunDir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
