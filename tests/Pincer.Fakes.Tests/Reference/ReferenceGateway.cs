using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Fakes.Tests.Reference;

/// <summary>Starts the reference gateway with the shared scripts and talks to it with the shared WS client.</summary>
internal static class ReferenceGateway
{
    public const string ScriptsDir = "/work/shared/reference";

    public static string ReferenceDir =>
        Environment.GetEnvironmentVariable("OPENCLAW_REF_DIR")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-reference");

    /// <summary>The reference's own node (the system one may be too old for its modules).</summary>
    public static string Node => Path.Combine(ReferenceDir, "bin", "node") is var own && File.Exists(own) ? own : "node";

    public static string? MissingReason()
    {
        if (!File.Exists(Path.Combine(ScriptsDir, "run-gateway.sh")) || !File.Exists(Path.Combine(ScriptsDir, "gw-client.mjs")))
        {
            return $"reference scripts not found in {ScriptsDir}";
        }

        return Directory.Exists(Path.Combine(ReferenceDir, "node_modules", "openclaw"))
            ? null
            : $"reference openclaw is not installed at {ReferenceDir}";
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
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

    public static async Task StartAsync(string runDir, int port)
    {
        var (code, log) = await RunAsync(Path.Combine(ScriptsDir, "run-gateway.sh"), [runDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(150));
        Assert.True(code == 0, "reference did not start: " + log);
    }

    /// <summary>Calls methods in order over one connection; returns the res frames by id (r2, r3, … after connect).</summary>
    public static async Task<Dictionary<string, JsonElement>> CallAsync(string runDir, int port, string calls, JsonObject parameters)
    {
        var capture = Path.Combine(runDir, $"capture-{Guid.NewGuid():N}.jsonl");
        var (_, log) = await RunAsync("node",
        [
            Path.Combine(ScriptsDir, "gw-client.mjs"), "--url", $"ws://127.0.0.1:{port}/", "--calls", calls,
            "--params-json", parameters.ToJsonString(), "--out", capture,
        ], TimeSpan.FromSeconds(90));
        var responses = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in File.Exists(capture) ? File.ReadLines(capture) : [])
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("dir").GetString() == "in" && doc.RootElement.TryGetProperty("frame", out var frame)
                && frame.TryGetProperty("type", out var type) && type.GetString() == "res")
            {
                responses[frame.GetProperty("id").GetString()!] = frame.Clone();
            }
        }

        Assert.True(responses.Count > 0, "no responses from the reference: " + log);
        return responses;
    }

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
