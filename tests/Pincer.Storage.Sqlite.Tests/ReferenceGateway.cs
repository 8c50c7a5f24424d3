using System.Diagnostics;

namespace Pincer.Storage.Sqlite.Tests;

/// <summary>Drives the shared scripts that start the reference gateway and connect to it as a device.</summary>
internal static class ReferenceGateway
{
    public const string ScriptsDir = "/work/shared/reference";

    public static string RunScript => Path.Combine(ScriptsDir, "run-gateway.sh");

    public static string ClientScript => Path.Combine(ScriptsDir, "gw-client.mjs");

    public static string ReferenceDir =>
        Environment.GetEnvironmentVariable("OPENCLAW_REF_DIR")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-reference");

    public static string? MissingReason()
    {
        if (!File.Exists(RunScript) || !File.Exists(ClientScript))
        {
            return $"reference scripts not found in {ScriptsDir}";
        }

        if (!Directory.Exists(Path.Combine(ReferenceDir, "node_modules", "openclaw")))
        {
            return $"reference openclaw is not installed at {ReferenceDir}";
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "node")));
        return onPath ? null : "node is not on PATH";
    }

    /// <summary>Runs a process to completion, returning (exit code, stdout + stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
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
            throw new TimeoutException($"{file} did not finish within {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Stops the gateway run-gateway.sh started (its pid file), and waits for it to release the DB.</summary>
    public static void Stop(string runDir)
    {
        var pidFile = Path.Combine(runDir, "gateway.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(15_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
