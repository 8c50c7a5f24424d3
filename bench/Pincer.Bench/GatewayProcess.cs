using System.Diagnostics;

namespace Pincer.Bench;

/// <summary>A gateway started with the reference's command line in a throwaway HOME/state dir.
/// Disposing kills the whole process tree (SIGKILL) and waits for it.</summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    public int Pid { get; }
    public int Port { get; }
    public string RunDir { get; }
    /// <summary>Stopwatch timestamp taken immediately before <see cref="Process.Start()"/>.</summary>
    public long StartTimestamp { get; }

    private GatewayProcess(Process process, int port, string runDir, long startTimestamp)
    {
        _process = process;
        Pid = process.Id;
        Port = port;
        RunDir = runDir;
        StartTimestamp = startTimestamp;
    }

    public bool HasExited => _process.HasExited;

    /// <param name="seedStateDir">When set, copied into the run's state dir before start (a pre-populated store).</param>
    /// <param name="configJson">openclaw.json to write instead of the default (update check and catalog refresh off).</param>
    public static GatewayProcess Start(GatewayTarget target, string runDir, int port, string token, string? seedStateDir = null, string? configJson = null)
    {
        var home = Path.Combine(runDir, "home");
        var state = Path.Combine(runDir, "state");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(state);
        if (seedStateDir is not null)
        {
            CopyTree(seedStateDir, state);
        }
        var config = Path.Combine(state, "openclaw.json");
        File.WriteAllText(config, configJson
            ?? "{ \"update\": { \"checkOnStart\": false }, \"models\": { \"catalogRefresh\": { \"enabled\": false } } }\n");

        // /bin/sh only sets up the redirections and then execs the gateway, so the pid we get is
        // the gateway itself (for the reference: bin/openclaw is a bash wrapper that execs node).
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >\"$BENCH_GATEWAY_LOG\" 2>&1");
        psi.ArgumentList.Add(target.Executable);
        foreach (var a in new[]
                 {
                     "gateway", "run", "--allow-unconfigured", "--bind", "loopback", "--port",
                     port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--auth", "token", "--token", token,
                 })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["HOME"] = home;
        psi.Environment["OPENCLAW_HOME"] = home;
        psi.Environment["OPENCLAW_STATE_DIR"] = state;
        psi.Environment["OPENCLAW_CONFIG_PATH"] = config;
        psi.Environment["OPENCLAW_NO_AUTO_UPDATE"] = "1";
        psi.Environment["OPENCLAW_DISABLE_BONJOUR"] = "1";
        psi.Environment["OPENCLAW_OFFLINE"] = "1";
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["BENCH_GATEWAY_LOG"] = Path.Combine(runDir, "gateway.log");

        var t0 = Stopwatch.GetTimestamp();
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {target.Executable}");
        var gp = new GatewayProcess(process, port, runDir, t0);
        ProcessRegistry.Track(gp);
        return gp;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }

    public string LogTail(int maxChars = 2000)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(RunDir, "gateway.log"));
            return text.Length > maxChars ? text[^maxChars..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        ProcessRegistry.Untrack(this);
        var tree = _process.HasExited ? [] : ProcessTree.WithDescendants(Pid);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // raced with exit
        }
        _process.WaitForExit(10_000);
        // Anything that was in the tree when we looked and survived (e.g. re-parented) is killed by pid.
        foreach (var pid in tree)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill();
                p.WaitForExit(5_000);
            }
            catch (ArgumentException)
            {
                // gone
            }
            catch (InvalidOperationException)
            {
                // gone
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // gone
            }
        }
        _process.Dispose();
    }
}
