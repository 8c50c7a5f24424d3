using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Pincer.Gateway.Logging;

/// <summary>
/// The rolling daily JSON-lines log that <c>logs.tail</c> and <c>openclaw logs</c> read, at the
/// reference's location (<c>logging.file</c>, else <c>/tmp/openclaw/openclaw-YYYY-MM-DD.log</c>).
/// Writes go through a bounded channel drained by one writer, so logging never blocks a request.
/// </summary>
internal sealed class GatewayLogFile : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string? _configuredFile;
    private readonly TimeProvider _time;
    private readonly Task _writer;

    public GatewayLogFile(string? configuredFile, TimeProvider time)
    {
        _configuredFile = configuredFile;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string CurrentFile => _configuredFile ?? Path.Combine(Path.GetTempPath(), "openclaw", $"openclaw-{_time.GetUtcNow():yyyy-MM-dd}.log");

    public void Write(string level, string subsystem, string message)
    {
        var now = _time.GetUtcNow();
        var name = new JsonObject { ["subsystem"] = subsystem }.ToJsonString();
        var line = new JsonObject
        {
            ["0"] = name,
            ["1"] = message,
            ["_meta"] = new JsonObject
            {
                ["runtime"] = "dotnet",
                ["runtimeVersion"] = Environment.Version.ToString(),
                ["hostname"] = Environment.MachineName,
                ["date"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["logLevelId"] = LevelId(level),
                ["logLevelName"] = level,
                ["name"] = name,
                ["parentNames"] = new JsonArray("openclaw"),
            },
            ["time"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["hostname"] = Environment.MachineName,
            ["message"] = message,
        };
        _lines.Writer.TryWrite(line.ToJsonString(LineOptions));
    }

    private static int LevelId(string level) => level switch
    {
        "TRACE" => 1,
        "DEBUG" => 2,
        "INFO" => 3,
        "WARN" => 4,
        "ERROR" => 5,
        _ => 6,
    };

    private async Task WriteLoopAsync()
    {
        var builder = new StringBuilder();
        while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            builder.Clear();
            while (_lines.Reader.TryRead(out var line))
            {
                builder.Append(line).Append('\n');
            }

            try
            {
                var file = CurrentFile;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.AppendAllTextAsync(file, builder.ToString()).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A full or read-only disk must not take the gateway down; the line is lost.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
