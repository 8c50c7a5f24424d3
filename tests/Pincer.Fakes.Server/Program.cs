using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Server;

/// <summary>
/// `Pincer.Fakes.Server [script.json] [--port N] [--record requests.jsonl] [--exit-on-stdin-close]`:
/// starts the fake on 127.0.0.1, prints one JSON line {"baseUrl","port"} and serves until SIGTERM/Ctrl-C
/// (or, when asked, until its stdin closes, so a parent process that dies takes it along).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? scriptPath = null, recordPath = null;
        var port = 0;
        var exitOnStdinClose = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--exit-on-stdin-close":
                    exitOnStdinClose = true;
                    break;
                case "--record" when i + 1 < args.Length:
                    recordPath = args[++i];
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && scriptPath is null:
                    scriptPath = a;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unexpected argument '{args[i]}'\nusage: Pincer.Fakes.Server [script.json] [--port N] [--record requests.jsonl] [--exit-on-stdin-close]");
                    return 2;
            }
        }

        var script = scriptPath is null ? new FakeScript() : FakeScriptJson.Load(scriptPath);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        await using var server = await FakeModelServer.StartAsync(script, port: port, cancellationToken: stop.Token);
        var recordLock = new Lock();
        if (recordPath is not null)
        {
            server.OnRecorded = request =>
            {
                var line = request.ToJson().ToJsonString() + "\n";
                lock (recordLock)
                {
                    File.AppendAllText(recordPath, line);
                }
            };
        }

        Console.WriteLine(new JsonObject { ["baseUrl"] = server.BaseUrl, ["port"] = server.Port }.ToJsonString());
        await Console.Out.FlushAsync();
        var stdinClosed = exitOnStdinClose ? Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None) : Task.Delay(Timeout.Infinite, stop.Token);
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token)).ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }
}
