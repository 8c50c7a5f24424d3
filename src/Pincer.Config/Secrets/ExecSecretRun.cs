using System.Diagnostics;
using System.Text;

namespace Pincer.Config.Secrets;

/// <summary>
/// Runs an exec provider command directly (no shell): writes the request to stdin, captures the
/// head of stdout within a combined stdout+stderr byte cap, and stops the process tree on the
/// overall timeout, the no-output timeout or the cap.
/// </summary>
internal sealed record ExecSecretRun(string Termination, bool OutputLimitExceeded, int? ExitCode, string Stdout)
{
    public const string Exit = "exit";
    public const string Timeout = "timeout";
    public const string NoOutputTimeout = "no-output-timeout";

    public static async Task<ExecSecretRun> RunAsync(
        string command,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> env,
        string input,
        int timeoutMs,
        int noOutputTimeoutMs,
        int maxOutputBytes,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(command) ?? "/",
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (key, value) in env)
            start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        process.Start();

        var stdout = new MemoryStream();
        var total = 0L;
        var limitExceeded = false;
        var gate = new object();
        var lastOutput = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task Pump(Stream stream, MemoryStream? sink)
        {
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, stop.Token).ConfigureAwait(false);
                    if (read == 0)
                        return;
                    lock (gate)
                    {
                        lastOutput = Stopwatch.GetTimestamp();
                        var room = (int)Math.Max(0, Math.Min(read, maxOutputBytes - total));
                        sink?.Write(buffer, 0, room);
                        total += read;
                        if (total > maxOutputBytes)
                        {
                            limitExceeded = true;
                            stop.Cancel();
                            return;
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by the cap, a timeout or the caller.
            }
        }

        var pumpOut = Pump(process.StandardOutput.BaseStream, stdout);
        var pumpErr = Pump(process.StandardError.BaseStream, null);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            await process.StandardInput.BaseStream.WriteAsync(bytes, stop.Token).ConfigureAwait(false);
            await process.StandardInput.BaseStream.FlushAsync(stop.Token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The command may exit without reading its request.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already closed by the child.
            }
        }

        var termination = Exit;
        var started = Stopwatch.GetTimestamp();
        var exited = process.WaitForExitAsync(stop.Token);
        while (true)
        {
            var done = await Task.WhenAny(exited, Task.Delay(20, CancellationToken.None)).ConfigureAwait(false);
            if (done == exited && exited.IsCompletedSuccessfully)
                break;
            if (limitExceeded || exited.IsCanceled)
                break;
            cancellationToken.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(started).TotalMilliseconds >= timeoutMs)
            {
                termination = Timeout;
                break;
            }

            long last;
            lock (gate)
                last = lastOutput;
            if (Stopwatch.GetElapsedTime(last).TotalMilliseconds >= noOutputTimeoutMs)
            {
                termination = NoOutputTimeout;
                break;
            }
        }

        if (!process.HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
        }

        // A grandchild may keep the pipes open after the command exits; do not wait on it forever.
        var pumps = Task.WhenAll(pumpOut, pumpErr);
        if (await Task.WhenAny(pumps, Task.Delay(1000, CancellationToken.None)).ConfigureAwait(false) != pumps)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
        }

        string text;
        lock (gate)
            text = Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length);
        return new ExecSecretRun(termination, limitExceeded, termination == Exit && !limitExceeded ? process.ExitCode : null, text);
    }
}
