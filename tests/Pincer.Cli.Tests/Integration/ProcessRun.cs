using System.Diagnostics;

namespace Pincer.Cli.Tests.Integration;

/// <summary>Runs a child process to completion with a private environment; kills it on timeout.</summary>
internal static class ProcessRun
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>An isolated HOME/state for a CLI run, so nothing touches the developer's ~/.openclaw.</summary>
    public static Dictionary<string, string> IsolatedEnv(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "home"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        return new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(root, "home"),
            ["OPENCLAW_HOME"] = Path.Combine(root, "home"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(root, "state"),
            ["OPENCLAW_CONFIG_PATH"] = Path.Combine(root, "state", "openclaw.json"),
            ["OPENCLAW_NO_AUTO_UPDATE"] = "1",
            ["OPENCLAW_DISABLE_BONJOUR"] = "1",
            ["OPENCLAW_OFFLINE"] = "1",
            ["NO_COLOR"] = "1",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        };
    }
}
