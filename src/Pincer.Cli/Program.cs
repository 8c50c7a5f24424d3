using System.Collections;
using System.Runtime.InteropServices;
using Pincer.Cli;

// SIGINT/SIGTERM cancel the stop token instead of killing the process, so `gateway run` can
// drain connections and every command can close its socket before exiting.
using var stopping = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
{
    if (entry.Key is string key && entry.Value is string value)
    {
        environment[key] = value;
    }
}

var exitCode = await CliApp.RunAsync(args, environment, Console.Out, Console.Error, stopping.Token);
await Console.Out.FlushAsync();
return exitCode;
