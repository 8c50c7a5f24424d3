using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pincer.Parity.Running;

/// <summary>
/// Runs the reference's own CLI (a real client) against either gateway, e.g.
/// <c>openclaw gateway call health --url ws://127.0.0.1:P --token T --json</c>.
/// </summary>
internal static class ReferenceCliStep
{
    public static async Task RunAsync(GatewayProcess gateway, JsonObject step, JsonObject outcome, JsonArray logs, CancellationToken ct)
    {
        var cli = ParityPaths.ReferenceCli;
        var args = step["args"] is JsonArray a ? a.Select(x => (string?)x ?? "").ToList() : [];
        outcome["args"] = new JsonArray([.. args.Select(x => (JsonNode?)JsonValue.Create(x))]);
        if (cli is null)
        {
            outcome["error"] = "reference CLI not installed";
            return;
        }

        // The CLI gets its own HOME so it cannot read the gateway's config or identity.
        var home = Path.Combine(gateway.RunDir, "cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(home, "home"));
        Directory.CreateDirectory(Path.Combine(home, "state"));
        var psi = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in GatewayProcess.Environment(home))
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds((int?)step["timeoutS"] ?? 90));
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            p.Kill(entireProcessTree: true);
            outcome["error"] = "cli timed out";
            return;
        }

        outcome["exitCode"] = p.ExitCode;
        var output = await stdout;
        outcome["stdout"] = StepRunner.ParseOrText(output.Trim());
        logs.Add(new JsonObject { ["cli"] = string.Join(' ', args), ["stdout"] = output, ["stderr"] = await stderr });
    }
}
