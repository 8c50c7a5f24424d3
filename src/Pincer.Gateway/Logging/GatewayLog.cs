using Microsoft.Extensions.Logging;

namespace Pincer.Gateway;

/// <summary>Source-generated log messages for the gateway host. Message bodies and secrets never appear above Trace.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "[gateway] listening on {Endpoints}")]
    public static partial void Listening(ILogger logger, string endpoints);

    [LoggerMessage(2, LogLevel.Information, "[gateway] ready ({ElapsedMs} ms)")]
    public static partial void Ready(ILogger logger, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "method {Method} failed")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "connection {ConnId} closed: {Code} {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string connId, int code, string reason);

    [LoggerMessage(5, LogLevel.Warning, "connection {ConnId} rejected at connect: {Reason}")]
    public static partial void HandshakeRejected(ILogger logger, string connId, string reason);

    [LoggerMessage(6, LogLevel.Information, "device pairing auto-approved device={DeviceId} role={Role}")]
    public static partial void DeviceAutoApproved(ILogger logger, string deviceId, string role);

    [LoggerMessage(7, LogLevel.Warning, "connection {ConnId} failed")]
    public static partial void ConnectionFailed(ILogger logger, string connId, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "[gateway] shutting down: {Reason}")]
    public static partial void ShuttingDown(ILogger logger, string reason);

    [LoggerMessage(9, LogLevel.Information, "config reloaded ({Kind}): {Paths}")]
    public static partial void ConfigReloaded(ILogger logger, string kind, string paths);

    [LoggerMessage(10, LogLevel.Warning, "config reload skipped (invalid config): {Issue}")]
    public static partial void ConfigReloadSkipped(ILogger logger, string issue);
}
