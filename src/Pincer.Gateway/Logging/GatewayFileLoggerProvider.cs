using Microsoft.Extensions.Logging;

namespace Pincer.Gateway.Logging;

/// <summary>Routes Microsoft.Extensions.Logging output into the gateway's JSON-lines log file.</summary>
internal sealed class GatewayFileLoggerProvider(GatewayLogFile file) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new FileLogger(file, Subsystem(categoryName));

    public void Dispose()
    {
    }

    private static string Subsystem(string category)
    {
        var name = category[(category.LastIndexOf('.') + 1)..];
        return name.Contains("Session", StringComparison.Ordinal) || name.Contains("Router", StringComparison.Ordinal) ? "gateway/ws" : "gateway";
    }

    private sealed class FileLogger(GatewayLogFile file, string subsystem) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += " " + exception.GetType().Name + ": " + exception.Message;
            }

            file.Write(logLevel switch
            {
                LogLevel.Warning => "WARN",
                LogLevel.Error => "ERROR",
                LogLevel.Critical => "FATAL",
                _ => "INFO",
            }, subsystem, message);
        }
    }
}
