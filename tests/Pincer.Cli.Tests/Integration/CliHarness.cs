namespace Pincer.Cli.Tests.Integration;

/// <summary>Runs our CLI in-process (same code path as the executable) with captured output.</summary>
internal static class CliHarness
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(Dictionary<string, string> env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(args, env, stdout, stderr, cts.Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
