using System.ComponentModel;
using System.Diagnostics;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Runs a short diagnostic tool (systemctl, ps …) to completion with a deadline. A tool that is
/// missing or cannot start is an answer too (<see cref="Started"/> false), not an exception.
/// </summary>
internal sealed record ProbeProcess(bool Started, int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ProbeProcess> RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Tools print localized text otherwise, and the callers match on English phrases.
        psi.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("process did not start");
        }
        catch (Win32Exception)
        {
            return new ProbeProcess(false, -1, "", "");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new ProbeProcess(true, -1, "", "timed out");
            }

            return new ProbeProcess(true, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
